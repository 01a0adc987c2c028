using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Record intake through the gateway (DESIGN §4.2, §5.1) and what it sets off in the registry.</summary>
public sealed class RecordsTests
{
    /// <summary>The DESIGN §5.1 example penalty, for a subject and key of the test's own.</summary>
    public static JsonObject Penalty(string subjectCode, string sourceRecordId) => JsonNode.Parse($$"""
        { "sourceRecordId": "{{sourceRecordId}}", "category": "AdministrativePenalty",
          "subject": { "code": "{{subjectCode}}", "name": "腾讯科技（深圳）有限公司", "kind": "LegalPerson",
                       "legalRepresentative": { "name": "张三", "idNumber": "11010519491231002X" } },
          "decisionNumber": "深市监罚〔2026〕123号", "decisionDate": "2026-05-10",
          "decidingAuthority": { "name": "深圳市市场监督管理局" }, "severity": "General",
          "violationType": "虚假宣传", "facts": "发布虚假广告", "legalBasis": "《反不正当竞争法》第二十条",
          "penaltyCategories": ["Fine"], "penaltyContent": "罚款5万元", "fineAmount": 50000.00, "confiscatedAmount": 0 }
        """)!.AsObject();

    private static HttpClient Unit(string unit = "11440300MB2C928511") => RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: unit, user: "clerk-" + unit));

    [Test]
    public async Task A_penalty_is_accepted_with_its_publicity_window_and_a_resubmission_is_a_duplicate()
    {
        using var clerk = Unit();
        var body = Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");

        var first = await clerk.PostAsJsonAsync("/api/v1/records", body);
        var again = await clerk.PostAsJsonAsync("/api/v1/records", body);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var accepted = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(accepted.GetProperty("status").GetString(), Is.EqualTo("Accepted"));
        Assert.That(accepted.GetProperty("late").GetBoolean(), Is.True, "decided 2026-05-10, received months later");
        var publicity = accepted.GetProperty("publicity");
        Assert.That((publicity.GetProperty("disclosed").GetBoolean(), publicity.GetProperty("from").GetString(), publicity.GetProperty("minUntil").GetString(),
            publicity.GetProperty("maxUntil").GetString()), Is.EqualTo((true, "2026-05-10", "2026-08-10", "2027-05-10")), "General: 3 months to 1 year");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var duplicate = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((duplicate.GetProperty("status").GetString(), duplicate.GetProperty("recordId").GetString()),
            Is.EqualTo(("Duplicate", accepted.GetProperty("recordId").GetString())));
    }

    [Test]
    public async Task Different_content_under_the_same_key_is_a_409_and_another_unit_may_use_the_same_key()
    {
        using var clerk = Unit();
        var key = $"PEN-{Guid.NewGuid():N}";
        var body = Penalty(TestCodes.CreditCode(), key);
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", body)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        body["fineAmount"] = 60000;

        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", body)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var otherUnit = Unit("11440300MA5F0000X9");
        Assert.That((await otherUnit.PostAsJsonAsync("/api/v1/records", body)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task An_invalid_record_names_every_bad_field_and_stores_nothing()
    {
        using var clerk = Unit();
        var body = Penalty("91110108717809965C", $"PEN-{Guid.NewGuid():N}");
        body["decisionDate"] = "2099-01-01";
        body["fineAmount"] = -1;
        body.Remove("legalBasis");

        var response = await clerk.PostAsJsonAsync("/api/v1/records", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "subject.code", "decisionDate", "fineAmount", "legalBasis" }));
        body["subject"]!["code"] = TestCodes.CreditCode();
        body["decisionDate"] = "2026-05-10";
        body["fineAmount"] = 1;
        body["legalBasis"] = "《行政处罚法》";
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", body)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "nothing was stored under the key before");
    }

    [Test]
    public async Task Only_the_owning_unit_auditors_and_the_credit_centre_read_a_record_and_personal_numbers_are_masked_for_the_unit()
    {
        using var owner = Unit();
        var created = await (await owner.PostAsJsonAsync("/api/v1/records", Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/api/v1/records/{created.GetProperty("recordId").GetString()}";

        var mine = await owner.GetFromJsonAsync<JsonElement>(path);
        using var otherUnit = Unit("11440300MA5F0000X9");
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var audited = await auditor.GetFromJsonAsync<JsonElement>(path);

        Assert.That(mine.GetProperty("subject").GetProperty("legalRepresentative").GetProperty("idNumber").GetString(), Is.EqualTo("110105********002X"));
        Assert.That(mine.GetProperty("sourceUnit").GetString(), Is.EqualTo("11440300MB2C928511"));
        Assert.That((mine.GetProperty("status").GetString(), mine.GetProperty("version").GetInt64()), Is.EqualTo(("Active", 1L)));
        Assert.That((await otherUnit.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await otherUnit.GetAsync(path + "/history")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(audited.GetProperty("subject").GetProperty("legalRepresentative").GetProperty("idNumber").GetString(), Is.EqualTo("11010519491231002X"));
        Assert.That((await auditor.GetFromJsonAsync<JsonElement>(path + "/history")).GetProperty("items")[0].GetProperty("type").GetString(), Is.EqualTo("record-accepted"));
    }

    [Test]
    public async Task A_mixed_batch_stores_exactly_the_valid_items_and_answers_each_one()
    {
        using var clerk = Unit();
        var existing = Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", existing)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var valid = Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");
        var invalid = Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");
        invalid.Remove("severity");
        var tooOld = Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");
        tooOld["decisionDate"] = "2018-01-05";
        var repeatedWithOtherContent = Penalty(valid["subject"]!["code"]!.GetValue<string>(), valid["sourceRecordId"]!.GetValue<string>());
        repeatedWithOtherContent["fineAmount"] = 1;

        var response = await clerk.PostAsJsonAsync("/api/v1/records/batch", new { records = new[] { valid, invalid, existing, tooOld, repeatedWithOtherContent } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("status").GetString())),
            Is.EqualTo(new[] { (0, "Accepted"), (1, "Rejected"), (2, "Duplicate"), (3, "Rejected"), (4, "Rejected") }));
        Assert.That(results[1].GetProperty("errors").TryGetProperty("severity", out _), Is.True);
        Assert.That(results[3].GetProperty("errors").TryGetProperty("decisionDate", out _), Is.True);
        Assert.That((await clerk.GetAsync($"/api/v1/records/{results[0].GetProperty("recordId").GetString()}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        invalid["severity"] = "General";
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", invalid)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the rejected item was not stored");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_owning_unit_corrects_then_revokes_a_record_and_the_registry_archive_follows(CancellationToken ct)
    {
        using var clerk = Unit();
        var code = TestCodes.CreditCode();
        var body = Penalty(code, $"PEN-{Guid.NewGuid():N}");
        var recordId = (await (await clerk.PostAsJsonAsync("/api/v1/records", body, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString();

        // A correction with a reason makes a new version with the new content
        body["fineAmount"] = 30000;
        var corrected = await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/corrections", new { reason = "罚款金额更正", record = body }, ct);
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.OK), await corrected.Content.ReadAsStringAsync(ct));
        var read = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}", ct);
        Assert.That((read.GetProperty("status").GetString(), read.GetProperty("version").GetInt64(), read.GetProperty("fineAmount").GetDecimal()),
            Is.EqualTo(("Corrected", 2L, 30000m)));

        // A correction cannot change the record's key; a revocation ends it; nothing corrects a revoked record
        var otherKey = body.DeepClone().AsObject();
        otherKey["sourceRecordId"] = "ANOTHER-KEY";
        Assert.That((await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/corrections", new { reason = "x", record = otherKey }, ct)).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict));
        var revoked = await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/revocation", new { reason = "行政复议撤销原处罚决定" }, ct);
        Assert.That((await revoked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString(), Is.EqualTo("Revoked"));
        Assert.That((await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/corrections", new { reason = "late", record = body }, ct)).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict));
        var history = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}/history", ct);
        Assert.That(history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "record-accepted", "record-corrected", "record-revoked" }));

        // And the registry's archive holds all three versions, with the record no longer disclosed
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        while (true)
        {
            var archive = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
            var versions = archive.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("stream").GetString() == $"record-{recordId}")
                .Select(e => e.GetProperty("type").GetString()).ToList();
            if (versions.Count == 3)
            {
                Assert.That(versions, Is.EqualTo(new[] { "CreditRecordAccepted", "CreditRecordCorrected", "CreditRecordRevoked" }));
                Assert.That(archive.GetProperty("state").GetProperty("disclosedRecords").GetArrayLength(), Is.EqualTo(0));
                break;
            }
            await Task.Delay(50, ct);
        }
    }

    [Test]
    public async Task A_batch_over_1000_records_is_refused_naming_the_field()
    {
        using var clerk = Unit();
        var records = Enumerable.Range(0, 1001).Select(i => Penalty(TestCodes.CreditCode(), $"PEN-BIG-{i}")).ToArray();
        var response = await clerk.PostAsJsonAsync("/api/v1/records/batch", new { records });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("records", out _), Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_accepted_record_reaches_the_registry_which_registers_its_subject_and_archives_the_record(CancellationToken ct)
    {
        // Given a record about a subject the registry has never seen
        var code = TestCodes.CreditCode();
        using var clerk = Unit();
        var created = await (await clerk.PostAsJsonAsync("/api/v1/records", Penalty(code, $"PEN-{Guid.NewGuid():N}"), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);

        // Then ingestion's relay and RabbitMQ carry it to the registry: a provisional subject and an archived record
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        while (true)
        {
            var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
            var types = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            if (types.Contains("CreditRecordAccepted") && types.Contains("SubjectRegistered"))
            {
                Assert.That(history.GetProperty("state").GetProperty("disclosedRecords").EnumerateArray().Select(r => r.GetString()),
                    Is.EqualTo(new[] { created.GetProperty("recordId").GetString() }));
                break;
            }
            await Task.Delay(50, ct);
        }
        var subject = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}", ct);
        Assert.That((subject.GetProperty("provisional").GetBoolean(), subject.GetProperty("name").GetString()), Is.EqualTo((true, "腾讯科技（深圳）有限公司")));
    }
}
