using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.Testing;

namespace CreditMesh.EndToEndTests;

/// <summary>
/// The whole story of DESIGN §1 through the gateway of the system as the README runs it: subjects registered,
/// member units publish, lists are determined, an approval system matches and reports back, the subject repairs a
/// penalty and the answer changes, and an auditor replays the history, re-runs the past match and verifies integrity.
/// </summary>
[NonParallelizable]
[Order(1)] // LogPrivacyTests reads the logs of every test before it
public sealed class StoryTests
{
    private const string Tax = "11440300MB2C92878Q";
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    [Test]
    public async Task From_publication_through_lists_matching_and_repair_to_the_auditors_replay()
    {
        // Given a company with a legal representative, and another company, registered by a member unit
        var company = TestCodes.CreditCode();
        var defaulter = TestCodes.CreditCode();
        using var market = Api.As("member-unit", unit: Api.MarketRegulation, user: "story-clerk");
        using var court = Api.As("member-unit", unit: Api.Court, user: "story-court");
        using var tax = Api.As("member-unit", unit: Tax, user: "story-tax");
        using var approver = Api.As("approver", unit: "APPROVAL-SZ-01", user: "story-approval");
        using var auditor = Api.As("auditor", user: "story-auditor");
        using var subject = Api.As("subject", subject: company, user: "story-company");
        foreach (var code in new[] { company, defaulter })
            await Expect(market.PostAsJsonAsync("/api/v1/subjects", new { code, kind = "LegalPerson", name = "故事企业" + code[^4..],
                legalRepresentative = new { name = "王五", idNumber = "11010519491231002X" } }), HttpStatusCode.Created);

        // When the units publish: a licence, three general penalties within a year, an honour, a court defaulter
        await Expect(market.PostAsJsonAsync("/api/v1/records", License(company)), HttpStatusCode.Created);
        var penalties = new List<string>();
        foreach (var (date, i) in new[] { "2026-06-01", "2026-07-01", "2026-08-03" }.Select((d, i) => (d, i)))
            penalties.Add(await RecordIdAsync(market, Api.Penalty(company, $"STORY-PEN-{company}-{i}", decisionDate: date)));
        await Expect(tax.PostAsJsonAsync("/api/v1/records", Honor(company)), HttpStatusCode.Created);
        await RecordIdAsync(court, Api.CourtDefaulter(defaulter, $"STORY-CD-{defaulter}"));

        // Then the lists are determined: key attention and red list for the company, the court's list for the other
        var keyAttention = await ActiveEntryAsync(auditor, company, "KeyAttention");
        await ActiveEntryAsync(auditor, defaulter, "CourtDefaulter");

        // When the approval system asks before granting a licence, and reports what it applied
        var before = default(JsonElement);
        // The key-attention and red-list entries are determined by separate deliveries: wait for matching to know both.
        await Api.EventuallyAsync(async () => (before = await MatchAsync(approver, company, "ADMIN_LICENSING")).GetProperty("decision").GetString() == "Review"
                && before.GetProperty("suppressed").GetArrayLength() > 0,
            Propagation, "matching hears of the key-attention and red-list entries and answers Review, the incentives suppressed");
        Assert.That(before.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("listEntryId").GetString()), Does.Contain(keyAttention));
        var measures = before.GetProperty("hits").EnumerateArray().SelectMany(h => h.GetProperty("measures").EnumerateArray())
            .Select(m => m.GetProperty("code").GetString()!).Distinct().ToArray();
        await Expect(approver.PostAsJsonAsync($"/api/v1/match/{before.GetProperty("matchId").GetString()}/feedback",
            new { outcome = "Conditional", applied = measures, notApplied = Array.Empty<object>() }), HttpStatusCode.OK);
        await Api.EventuallyAsync(async () => (await MatchAsync(approver, defaulter, "GOV_PROCUREMENT")).GetProperty("decision").GetString() == "Prohibit",
            Propagation, "the court defaulter is prohibited from government procurement");

        // And the company repairs its first penalty, past its minimum publicity, decided by the unit that published it
        var repair = subject.PostAsJsonAsync("/api/v1/repairs", new
        {
            subjectCode = company, target = new { kind = "Record", id = penalties[0] }, commitment = "本企业承诺依法经营，已履行行政处罚决定。",
            evidence = new[] { new { type = "PaymentReceipt", description = "罚款缴纳凭证", reference = "RCPT-2026-0601" } },
        });
        var application = await Body(repair, HttpStatusCode.Created);
        Assert.That(application.GetProperty("status").GetString(), Is.EqualTo("Submitted"), application.ToString());
        var repairId = application.GetProperty("repairId").GetString();
        await Expect(market.PostAsJsonAsync($"/api/v1/repairs/{repairId}/acceptance", new { }), HttpStatusCode.OK);
        var beforeRepair = DateTimeOffset.UtcNow;
        await Expect(market.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = true, decisionNumber = "深市监修〔2026〕1号" }),
            HttpStatusCode.OK);

        // Then the key-attention entry goes, and the same question now gets the red list's incentives
        await Api.EventuallyAsync(async () => (await MatchAsync(approver, company, "ADMIN_LICENSING")).GetProperty("decision").GetString() == "Incentive",
            Propagation, "the match answers Incentive once the repaired penalty no longer keeps the company on the key-attention list");
        var disclosure = await new HttpClient { BaseAddress = new Uri(SeparateProcessSystem.GatewayAddress) }
            .GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={company}");
        Assert.That(disclosure.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("recordId").GetString()), Does.Not.Contain(penalties[0]));

        // And the auditor replays the history as of before and after the repair, re-runs the first match, and verifies
        string[] steps = ["RepairApplied", "RepairAccepted", "RepairDecided", "CreditRecordDisclosureEnded", "ListEntryRemoved", "MatchPerformed"];
        await Api.EventuallyAsync(async () => !steps.Except((await HistoryAsync(auditor, company, null)).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)).Any(), Propagation, "the archive shows the repair's steps and the downstream removals");
        var then = await HistoryAsync(auditor, company, beforeRepair);
        var now = await HistoryAsync(auditor, company, null);
        Assert.That(Ids(then, "activeListEntries"), Does.Contain(keyAttention));
        Assert.That(Ids(now, "activeListEntries"), Does.Not.Contain(keyAttention));
        Assert.That(Ids(then, "disclosedRecords"), Does.Contain(penalties[0]));
        Assert.That(Ids(now, "disclosedRecords"), Does.Not.Contain(penalties[0]));
        var replay = await MatchAsync(auditor, company, "ADMIN_LICENSING", before.GetProperty("evaluatedAt").GetDateTimeOffset());
        Assert.That(replay.GetProperty("decision").GetString(), Is.EqualTo("Review"), "as of the first match, the answer it gave");
        Assert.That(replay.GetProperty("catalogVersion").GetString(), Is.EqualTo(before.GetProperty("catalogVersion").GetString()));
        var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{company}/history/verify");
        Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True, verify.ToString());
    }

    private static JsonObject License(string code) => JsonNode.Parse($$"""
        { "sourceRecordId": "STORY-LIC-{{code}}", "category": "AdministrativeLicense",
          "subject": { "code": "{{code}}", "name": "故事企业", "kind": "LegalPerson" },
          "decisionNumber": "深市监许〔2026〕8号", "decisionDate": "2026-11-16", "decidingAuthority": { "name": "深圳市市场监督管理局" },
          "license": { "name": "食品经营许可证", "content": "预包装食品销售", "validFrom": "2026-11-16", "validUntil": "2031-11-15" } }
        """)!.AsObject();

    private static JsonObject Honor(string code) => JsonNode.Parse($$"""
        { "sourceRecordId": "STORY-HON-{{code}}", "category": "Honor",
          "subject": { "code": "{{code}}", "name": "故事企业", "kind": "LegalPerson" },
          "decisionNumber": "深税信〔2026〕A级", "decisionDate": "2026-11-02", "decidingAuthority": { "name": "国家税务总局深圳市税务局" },
          "facts": "2025年度纳税信用A级纳税人" }
        """)!.AsObject();

    private static async Task<string> RecordIdAsync(HttpClient unit, JsonObject record) =>
        (await Body(unit.PostAsJsonAsync("/api/v1/records", record), HttpStatusCode.Created)).GetProperty("recordId").GetString()!;

    private static async Task<string> ActiveEntryAsync(HttpClient reader, string code, string listType)
    {
        string? id = null;
        await Api.EventuallyAsync(async () =>
        {
            var entries = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={code}&listType={listType}&status=Active");
            id = entries.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("listEntryId").GetString()).FirstOrDefault();
            return id is not null;
        }, Propagation, $"an active {listType} entry for {code}");
        return id!;
    }

    private static async Task<JsonElement> MatchAsync(HttpClient caller, string code, string matter, DateTimeOffset? asOf = null) =>
        await Body(caller.PostAsJsonAsync("/api/v1/match", asOf is null
            ? new JsonObject { ["subjectCode"] = code, ["matterCode"] = matter }
            : new JsonObject { ["subjectCode"] = code, ["matterCode"] = matter, ["asOf"] = asOf.Value.ToString("O") }), HttpStatusCode.OK);

    private static async Task<JsonElement> HistoryAsync(HttpClient auditor, string code, DateTimeOffset? asOf) =>
        await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history" + (asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf.Value.ToString("O"))}"));

    private static string?[] Ids(JsonElement history, string state) =>
        [.. history.GetProperty("state").GetProperty(state).EnumerateArray().Select(e => e.GetString())];

    private static async Task Expect(Task<HttpResponseMessage> call, HttpStatusCode status) => await Body(call, status);

    private static async Task<JsonElement> Body(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
