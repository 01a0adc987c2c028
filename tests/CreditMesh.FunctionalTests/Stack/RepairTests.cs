using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>信用修复 over the running system: records come from ingestion's API, decisions reach disclosure and the archive (DESIGN §4.5).</summary>
public sealed class RepairTests
{
    private static async Task<List<string>> DisclosedAsync(string code, CancellationToken ct) =>
        (await RunningSystem.Client().GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}", ct)).GetProperty("records")
            .EnumerateArray().Select(r => r.GetProperty("recordId").GetString()!).ToList();

    [Test]
    [CancelAfter(60_000)]
    public async Task A_general_penalty_past_its_minimum_is_repaired_and_disclosure_and_the_archive_show_each_step(CancellationToken ct)
    {
        // Given a General penalty decided four months ago, disclosed, and known to the repair service
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        Assert.That(await DisclosedAsync(code, ct), Is.EqualTo(new[] { recordId }));
        using var subject = SubjectClient(code);
        using var clerk = Clerk();

        // When the subject applies, and unit A accepts and approves
        var applied = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created);
        var repairId = applied.GetProperty("repairId").GetString()!;
        var queue = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/repairs?status=Submitted", ct);
        var accepted = await JsonAsync(await clerk.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct), HttpStatusCode.OK);
        var approved = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision",
            new { approved = true, decisionNumber = "深市监信修〔2026〕8号" }, ct), HttpStatusCode.OK);

        // Then the application was eligible, queued for unit A with its deadlines, and the case closed as approved
        Assert.That((applied.GetProperty("status").GetString(), applied.GetProperty("eligibility").GetProperty("eligible").GetBoolean()),
            Is.EqualTo(("Submitted", true)));
        var item = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("repairId").GetString() == repairId);
        Assert.That((item.GetProperty("decidingUnit").GetString(), item.GetProperty("overdue").GetBoolean(), item.GetProperty("feedbackDue").ValueKind),
            Is.EqualTo((UnitA, false, JsonValueKind.String)));
        Assert.That((accepted.GetProperty("status").GetString(), approved.GetProperty("status").GetString()), Is.EqualTo(("Accepted", "Approved")));
        Assert.That(accepted.GetProperty("decisionDue").GetString(), Is.Not.Null);
        // And the record leaves the disclosure within seconds
        await UntilAsync(async () => (await DisclosedAsync(code, ct)).Count == 0, ct);
        // And the subject's archive shows the application, acceptance, approval and the downstream end of disclosure, in order
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var wanted = new[] { "RepairApplied", "RepairAccepted", "RepairDecided", "CreditRecordDisclosureEnded" };
        List<string> types = [];
        await UntilAsync(async () =>
        {
            var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
            types = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).Where(wanted.Contains).ToList();
            return types.Count == wanted.Length;
        }, ct);
        Assert.That(types, Is.EqualTo(wanted));
        var caseHistory = await subject.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{repairId}/history", ct);
        Assert.That(caseHistory.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "repair-submitted", "repair-accepted", "repair-approved" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_early_application_is_rejected_with_the_date_it_becomes_eligible(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var decided = TodayInChina.AddDays(-10);
        var recordId = await PenaltyKnownToRepairAsync(code, decided, ct);
        using var subject = SubjectClient(code);

        var rejected = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created);

        var eligibility = rejected.GetProperty("eligibility");
        Assert.That((rejected.GetProperty("status").GetString(), eligibility.GetProperty("eligible").GetBoolean(), eligibility.GetProperty("eligibleFrom").GetString()),
            Is.EqualTo(("Rejected", false, decided.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        var view = await subject.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{rejected.GetProperty("repairId").GetString()}", ct);
        Assert.That((view.GetProperty("status").GetString(), view.GetProperty("reasons").GetArrayLength()), Is.EqualTo(("Rejected", 1)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_second_application_while_one_is_open_is_rejected_naming_the_open_case(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        using var subject = SubjectClient(code);
        var first = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created);

        var second = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created);

        Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("Rejected"));
        Assert.That(second.GetProperty("eligibility").GetProperty("reasons")[0].GetString(), Does.Contain(first.GetProperty("repairId").GetString()));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_retried_application_with_the_same_Idempotency_Key_answers_with_the_case_it_opened(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        using var subject = SubjectClient(code);
        subject.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var first = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created);
        var retried = await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.OK);

        Assert.That((retried.GetProperty("repairId").GetString(), retried.GetProperty("status").GetString()),
            Is.EqualTo((first.GetProperty("repairId").GetString(), "Submitted")));
        var own = await subject.GetFromJsonAsync<JsonElement>("/api/v1/repairs", ct);
        Assert.That(own.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Transitions_out_of_order_are_409_and_a_decision_without_its_number_or_reason_is_400_naming_the_field(CancellationToken ct)
    {
        var repairId = await OpenCaseAsync(TestCodes.CreditCode(), ct);
        using var clerk = Clerk();

        var early = await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = true, decisionNumber = "N1" }, ct);
        await clerk.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct);
        var noNumber = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = true }, ct), HttpStatusCode.BadRequest);
        var noReason = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = false }, ct), HttpStatusCode.BadRequest);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/repairs/{repairId}/decision")
            { Content = JsonContent.Create(new { approved = false, reason = "罚款未缴清" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var staleResponse = await clerk.SendAsync(stale, ct);
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = false, reason = "罚款未缴清" }, ct), HttpStatusCode.OK);
        var afterDenial = await clerk.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct);

        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(noNumber.GetProperty("errors").TryGetProperty("decisionNumber", out _), Is.True, noNumber.ToString());
        Assert.That(noReason.GetProperty("errors").TryGetProperty("reason", out _), Is.True, noReason.ToString());
        Assert.That(staleResponse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "If-Match names version 1; the case is at 2");
        Assert.That(afterDenial.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_invalid_application_names_every_bad_field_and_stores_nothing(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        using var subject = SubjectClient(code);

        var invalid = await JsonAsync(await subject.PostAsJsonAsync("/api/v1/repairs",
            new { subjectCode = code, target = new { kind = "Licence" }, evidence = new[] { new { type = "Payment" } } }, ct), HttpStatusCode.BadRequest);
        var fullWidth = await JsonAsync(await subject.PostAsJsonAsync("/api/v1/repairs",
            new { subjectCode = "９１４４", target = new { kind = "Record", id = "x" }, commitment = "c", evidence = new[] { new { type = "t", description = "d" } } }, ct),
            HttpStatusCode.BadRequest);

        Assert.That(invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "target.kind", "target.id", "commitment", "evidence[0].description" }));
        Assert.That(fullWidth.GetProperty("errors").TryGetProperty("subjectCode", out _), Is.True);
        var own = await subject.GetFromJsonAsync<JsonElement>("/api/v1/repairs", ct);
        Assert.That(own.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_persons_code_is_masked_for_the_deciding_unit_and_the_person_and_shown_whole_to_the_credit_centre(CancellationToken ct)
    {
        var person = TestCodes.IdNumber(new DateOnly(1985, 3, 1), Random.Shared.Next(100, 999));
        var recordId = await PenaltyKnownToRepairAsync(person, TodayInChina.AddMonths(-4), ct, body =>
        {
            body["subject"]!["kind"] = "NaturalPerson";
            body["subject"]!.AsObject().Remove("legalRepresentative");
        });
        using var subject = SubjectClient(person);
        var repairId = (await JsonAsync(await ApplyAsync(subject, person, recordId, ct), HttpStatusCode.Created)).GetProperty("repairId").GetString();
        using var clerk = Clerk();

        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));

        var byUnit = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{repairId}", ct);
        var byPerson = await subject.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{repairId}", ct);
        var byCentre = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{repairId}", ct);

        // DESIGN §7: every role but auditors and the credit centre, the person included (ADR 0012).
        Assert.That(byUnit.GetProperty("subjectCode").GetString(), Is.EqualTo(person[..6] + "********" + person[14..]));
        Assert.That(byPerson.GetProperty("subjectCode").GetString(), Is.EqualTo(person[..6] + "********" + person[14..]));
        Assert.That(byCentre.GetProperty("subjectCode").GetString(), Is.EqualTo(person));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_credit_centre_may_decide_for_any_unit(CancellationToken ct)
    {
        var repairId = await OpenCaseAsync(TestCodes.CreditCode(), ct);
        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));

        await JsonAsync(await centre.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct), HttpStatusCode.OK);
        var denied = await JsonAsync(await centre.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = false, reason = "证明材料不全" }, ct),
            HttpStatusCode.OK);

        Assert.That(denied.GetProperty("status").GetString(), Is.EqualTo("Denied"));
    }
}
