using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>联合奖惩比对 through the gateway (DESIGN §4.4, §5): list events in, decisions, feedback, statistics, replay.</summary>
public sealed class MatchingTests
{
    private static readonly Actor Court = new("COURT-SZ", "judge", Roles.MemberUnit);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    internal static ListEntryActivated Activated(string subject, string id, string listType, DateTimeOffset from, DateTimeOffset until) =>
        new(Guid.NewGuid(), from, subject, $"list-entry-{id}", 1, null, Court, id, listType, "COURT-SZ", from, until);

    internal static HttpClient Approver(string unit, string user = "approval-system") =>
        RunningSystem.Client(DevTokens.For(Roles.Approver, unit: unit, user: user));

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Asks for up to 15 s until the answer is a 200 that satisfies the condition.</summary>
    internal static async Task<JsonElement> EventuallyAsync(Func<Task<(HttpStatusCode Status, JsonElement Body)>> probe, Func<JsonElement, bool> until) =>
        (await Eventually.UntilAsync(probe, r => r.Status == HttpStatusCode.OK && until(r.Body), "the answer to change", TimeSpan.FromSeconds(15))).Body;

    private static string Decision(JsonElement match) => match.GetProperty("decision").GetString()!;

    [Test]
    [CancelAfter(60_000)]
    public async Task A_court_defaulter_restricts_fiscal_funding_suppresses_the_red_list_and_the_asker_must_account_for_each_measure(CancellationToken ct)
    {
        // Given a company on the court-defaulter list and the red list, and an expired key-attention entry
        var company = TestCodes.CreditCode();
        var unit = "APPROVAL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await RunningSystem.PublishAsync(ct,
            Activated(company, $"LE-{company}-B", "CourtDefaulter", Now.AddDays(-1), Now.AddYears(2)),
            Activated(company, $"LE-{company}-R", "RedList", Now.AddDays(-30), Now.AddYears(1)),
            Activated(company, $"LE-{company}-G", "KeyAttention", Now.AddYears(-1), Now.AddMinutes(-1)));
        using (var watcher = Approver("APPROVAL-WATCH"))
            await EventuallyAsync(() => PostAsync(watcher, "/api/v1/match", new { subjectCode = company, matterCode = "FISCAL_FUNDING" }),
                m => m.GetProperty("hits").GetArrayLength() > 0 && m.GetProperty("suppressed").GetArrayLength() > 0);
        using var approver = Approver(unit, "system-a");

        // When the approval system asks about fiscal funding
        var match = (await PostAsync(approver, "/api/v1/match", new { subjectCode = company, matterCode = "FISCAL_FUNDING" })).Body;

        // Then the court-defaulter restriction decides, with its legal basis; the red-list incentive is suppressed; the expired entry is gone
        Assert.That(Decision(match), Is.EqualTo("Restrict"));
        var hit = match.GetProperty("hits").EnumerateArray().Single();
        Assert.That((hit.GetProperty("listEntryId").GetString(), hit.GetProperty("listType").GetString(), hit.GetProperty("determinedBy").GetString()),
            Is.EqualTo(($"LE-{company}-B", "CourtDefaulter", "COURT-SZ")));
        var measure = hit.GetProperty("measures").EnumerateArray().Single();
        Assert.That((measure.GetProperty("code").GetString(), measure.GetProperty("kind").GetString(), measure.GetProperty("strength").GetString()),
            Is.EqualTo(("PUN-FISCAL-FUNDING", "Punishment", "Restrict")));
        Assert.That(measure.GetProperty("legalBasis").GetProperty("article").GetString(), Is.Not.Empty);
        Assert.That(match.GetProperty("suppressed")[0].GetProperty("listType").GetString(), Is.EqualTo("RedList"));
        Assert.That(match.GetProperty("catalogVersion").GetString(), Is.EqualTo("2026.2"));
        var matchId = match.GetProperty("matchId").GetString();

        // And feedback: another approver is refused, a measure not applied needs its reason, then the asker's feedback counts once
        using var other = Approver("APPROVAL-OTHER", "system-b");
        var feedback = new { outcome = "Denied", applied = Array.Empty<string>(), notApplied = new[] { new { code = "PUN-FISCAL-FUNDING", reason = "" } } };
        Assert.That((await PostAsync(other, $"/api/v1/match/{matchId}/feedback", feedback)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        var (status, problem) = await PostAsync(approver, $"/api/v1/match/{matchId}/feedback", feedback);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "notApplied[0].reason" }));
        Assert.That((await PostAsync(approver, $"/api/v1/match/{matchId}/feedback", new { outcome = "Denied", applied = new[] { "PUN-FISCAL-FUNDING" } })).Status,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostAsync(approver, $"/api/v1/match/{matchId}/feedback", new { outcome = "Granted", applied = new[] { "PUN-FISCAL-FUNDING" } })).Status,
            Is.EqualTo(HttpStatusCode.Conflict));

        // And the statistics for that unit count the match, its list, its measure and the completed feedback
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var stats = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/match/statistics?unit={unit}", ct);
        Assert.That((stats.GetProperty("matches").GetInt64(), stats.GetProperty("matchesWithHits").GetInt64(), stats.GetProperty("feedbackReceived").GetInt64(),
            stats.GetProperty("feedbackCompletion").GetDouble()), Is.EqualTo((1L, 1L, 1L, 1.0)));
        Assert.That(stats.GetProperty("byList").GetProperty("CourtDefaulter").GetInt64(), Is.EqualTo(1));
        Assert.That(stats.GetProperty("byMeasure").GetProperty("PUN-FISCAL-FUNDING").GetInt64(), Is.EqualTo(1));
        Assert.That(stats.GetProperty("byOutcome").GetProperty("Denied").GetInt64(), Is.EqualTo(1));

        // And the match call is in matching's access log with who asked and about whom
        var log = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-log/matching?action=match&unit={unit}&limit=1000", ct);
        Assert.That(log.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("user").GetString() == "system-a" && e.GetProperty("status").GetInt32() == 200));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_legal_representative_of_a_court_defaulter_company_is_restricted_for_high_consumption_by_association(CancellationToken ct)
    {
        // Given a company whose legal representative the registry knows, on the court-defaulter list
        var company = TestCodes.CreditCode();
        var person = TestCodes.IdNumber(new DateOnly(1975, 3, 9), Random.Shared.Next(1, 999));
        await RunningSystem.PublishAsync(ct,
            new SubjectRegistered(Guid.NewGuid(), Now, company, $"subject-{company}", 1, null, Court, "LegalPerson", "测试公司", "张三", person),
            Activated(company, $"LE-{company}", "CourtDefaulter", Now.AddDays(-1), Now.AddYears(2)));
        using var approver = Approver("APPROVAL-SZ-02");

        // When an approval system asks about the person for high consumption
        var match = await EventuallyAsync(() => PostAsync(approver, "/api/v1/match", new { subjectCode = person, matterCode = "HIGH_CONSUMPTION" }),
            m => Decision(m) != "Clear");

        // Then the company's entry hits by association, with the consumption restriction only, and the person's ID number is masked
        Assert.That(Decision(match), Is.EqualTo("Prohibit"));
        var hit = match.GetProperty("hits")[0];
        Assert.That((hit.GetProperty("association").GetProperty("kind").GetString(), hit.GetProperty("association").GetProperty("of").GetString()),
            Is.EqualTo(("LegalRepresentative", company)));
        Assert.That(hit.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()), Is.EqualTo(new[] { "PUN-HIGH-CONSUMPTION" }));
        Assert.That(match.GetProperty("subjectCode").GetString(), Is.EqualTo(person[..6] + "********" + person[14..]));
        Assert.That(Decision((await PostAsync(approver, "/api/v1/match", new { subjectCode = person, matterCode = "GOV_PROCUREMENT" })).Body), Is.EqualTo("Clear"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_auditor_replays_a_match_as_of_before_and_after_a_listing_with_the_catalogue_of_that_day(CancellationToken ct)
    {
        // Given a company listed on 1 May 2026 (catalogue 2025.1 then; 2026.2 from 1 July adds land transactions)
        var company = TestCodes.CreditCode();
        var listed = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(8));
        await RunningSystem.PublishAsync(ct, Activated(company, $"LE-{company}", "SeriousDishonesty", listed, listed.AddYears(3)));
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor, user: "auditor-li"));
        object Ask(string matter, DateTimeOffset? asOf) => new { subjectCode = company, matterCode = matter, asOf };
        await EventuallyAsync(() => PostAsync(auditor, "/api/v1/match", Ask("GOV_PROCUREMENT", null)), m => Decision(m) == "Prohibit");

        // When the auditor replays the day before and the day after the listing
        var before = (await PostAsync(auditor, "/api/v1/match", Ask("GOV_PROCUREMENT", listed.AddDays(-1)))).Body;
        var after = (await PostAsync(auditor, "/api/v1/match", Ask("GOV_PROCUREMENT", listed.AddDays(1)))).Body;

        // Then the answers differ, each with the catalogue version of its instant
        Assert.That((Decision(before), before.GetProperty("catalogVersion").GetString()), Is.EqualTo(("Clear", "2025.1")));
        Assert.That((Decision(after), after.GetProperty("hits")[0].GetProperty("listEntryId").GetString()), Is.EqualTo(("Prohibit", $"LE-{company}")));
        var landThen = (await PostAsync(auditor, "/api/v1/match", Ask("LAND_TRANSACTION", listed.AddDays(1)))).Body;
        var landNow = (await PostAsync(auditor, "/api/v1/match", Ask("LAND_TRANSACTION", null))).Body;
        Assert.That((Decision(landThen), Decision(landNow), landNow.GetProperty("catalogVersion").GetString()), Is.EqualTo(("Clear", "Restrict", "2026.2")));

        // And an approver may not replay
        using var approver = Approver("APPROVAL-SZ-03");
        Assert.That((await PostAsync(approver, "/api/v1/match", Ask("GOV_PROCUREMENT", listed.AddDays(1)))).Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Unknown_matters_wrong_codes_and_oversized_batches_are_refused_naming_the_field_and_a_batch_answers_each_subject()
    {
        using var approver = Approver("APPROVAL-SZ-04");
        var (status, problem) = await PostAsync(approver, "/api/v1/match", new { subjectCode = TestCodes.CreditCode(), matterCode = "CASINO_LICENCE" });
        Assert.That((status, problem.GetProperty("errors").EnumerateObject().Single().Name), Is.EqualTo((HttpStatusCode.BadRequest, "matterCode")));

        (status, problem) = await PostAsync(approver, "/api/v1/match", new { subjectCode = "91440300MA5F00000X", matterCode = "GOV_PROCUREMENT" });
        Assert.That((status, problem.GetProperty("errors").EnumerateObject().Single().Name), Is.EqualTo((HttpStatusCode.BadRequest, "subjectCode")));

        var tooMany = Enumerable.Range(0, 1001).Select(_ => TestCodes.CreditCode()).ToArray();
        (status, problem) = await PostAsync(approver, "/api/v1/match/batch", new { matterCode = "GOV_PROCUREMENT", subjectCodes = tooMany });
        Assert.That((status, problem.GetProperty("errors").EnumerateObject().Single().Name), Is.EqualTo((HttpStatusCode.BadRequest, "subjectCodes")));

        var (ok, batch) = await PostAsync(approver, "/api/v1/match/batch", new { matterCode = "GOV_PROCUREMENT", subjectCodes = tooMany[..3] });
        Assert.That(ok, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(batch.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("subjectCode").GetString(), Decision(i))),
            Is.EqualTo(tooMany[..3].Select(c => (c, "Clear"))));
    }
}
