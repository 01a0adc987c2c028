using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.ReportFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>A subject's own view (DESIGN §4.9): its records, its entries, who matched it; and acting on a record just accepted.</summary>
public sealed class SelfViewTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_subject_pages_through_all_its_records_including_an_undisclosed_minor_one(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var newest = Id(await SubmitAsync(code, ct, TodayInChina.AddDays(-1)));
        var minor = Id(await SubmitAsync(code, ct, TodayInChina.AddDays(-2), severity: "Minor"));
        var oldest = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-14)));
        using var subject = SubjectClient(code);

        var first = await subject.GetFromJsonAsync<JsonElement>("/api/v1/records?limit=2", ct);
        var second = await subject.GetFromJsonAsync<JsonElement>($"/api/v1/records?subjectCode={code}&limit=2&cursor={first.GetProperty("next").GetString()}", ct);

        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.That(items.Select(i => i.GetProperty("recordId").GetString()), Is.EqualTo(new[] { newest, minor, oldest }), "newest decision first");
        Assert.That(items.Select(i => i.GetProperty("publicity").GetProperty("disclosed").GetBoolean()), Is.EqualTo(new[] { true, false, false }),
            "a minor penalty is not disclosed, and one past its maximum no longer is");
        Assert.That(items.Select(i => i.GetProperty("severity").GetString()), Is.EqualTo(new[] { "General", "Minor", "General" }));
        Assert.That(second.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_member_unit_lists_only_its_own_records_of_a_subject_and_a_subject_only_its_own(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = Id(await SubmitAsync(code, ct, TodayInChina.AddDays(-3)));
        using var unitA = Clerk();
        using var unitB = Clerk(UnitB);
        using var other = SubjectClient(TestCodes.CreditCode());

        var ownA = await unitA.GetFromJsonAsync<JsonElement>($"/api/v1/records?subjectCode={code}", ct);
        var ownB = await unitB.GetFromJsonAsync<JsonElement>($"/api/v1/records?subjectCode={code}", ct);
        var foreign = await other.GetAsync($"/api/v1/records?subjectCode={code}", ct);
        var badCursor = await unitA.GetAsync($"/api/v1/records?subjectCode={code}&cursor=not-a-cursor", ct);
        var badLimit = await unitA.GetAsync($"/api/v1/records?subjectCode={code}&limit=0", ct);

        Assert.That(ownA.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recordId").GetString()), Is.EqualTo(new[] { recordId }));
        Assert.That(ownB.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await JsonAsync(badCursor, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _), Is.True);
        Assert.That((await JsonAsync(badLimit, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _), Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_subject_reads_its_list_entries_of_every_status_but_not_anothers(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await SubmitAsync(code, ct, TodayInChina.AddMonths(-1), severity: "Serious");
        using var subject = SubjectClient(code);

        var entries = await Eventually.UntilAsync(async () => (await subject.GetFromJsonAsync<JsonElement>("/api/v1/list-entries", ct)).GetProperty("items"),
            items => items.GetArrayLength() == 1, "the proposed entry", Timeout.InfiniteTimeSpan, ct);
        var foreign = await subject.GetAsync($"/api/v1/list-entries?subjectCode={TestCodes.CreditCode()}", ct);

        Assert.That((entries[0].GetProperty("status").GetString(), entries[0].GetProperty("subjectCode").GetString()), Is.EqualTo(("Proposed", code)));
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_subject_sees_who_matched_it_for_which_matter_and_what_they_were_told(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var unit = "APPROVAL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var approver = MatchingTests.Approver(unit);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var match = await MatchingTests.PostAsync(approver, "/api/v1/match", new { subjectCode = code, matterCode = "PUBLIC_BIDDING" });
        Assert.That(match.Status, Is.EqualTo(HttpStatusCode.OK), match.Body.ToString());
        using var subject = SubjectClient(code);

        var queries = await Eventually.UntilAsync(async () => (await subject.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/queries", ct))
            .GetProperty("items"), items => items.GetArrayLength() == 1, "the match in the archive", Timeout.InfiniteTimeSpan, ct);
        var earlier = await subject.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/queries?to={Uri.EscapeDataString(before.ToString("O"))}", ct);
        var foreign = await SubjectClient(TestCodes.CreditCode()).GetAsync($"/api/v1/subjects/{code}/queries", ct);
        var reversed = await subject.GetAsync($"/api/v1/subjects/{code}/queries?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", ct);

        var item = queries[0];
        Assert.That((item.GetProperty("unit").GetString(), item.GetProperty("matterCode").GetString(), item.GetProperty("decision").GetString()),
            Is.EqualTo((unit, "PUBLIC_BIDDING", match.Body.GetProperty("decision").GetString())));
        Assert.That(item.GetProperty("at").GetDateTimeOffset(), Is.GreaterThan(before));
        Assert.That(earlier.GetProperty("items").GetArrayLength(), Is.Zero, "nothing before the window's end");
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await JsonAsync(reversed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("from", out _), Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_repair_and_an_objection_made_the_moment_a_record_is_accepted_are_never_turned_into_rejections(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var repairTarget = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-4)));
        var objectionTarget = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-4)));
        using var subject = SubjectClient(code);

        // At once, as the subject that just saw the record in its disclosure would
        var repair = await ApplyAsync(subject, code, repairTarget, ct);
        var objection = await ObjectionTests.ObjectAsync(subject, code, objectionTarget, ct);

        Assert.That(repair.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
        if (repair.StatusCode == HttpStatusCode.Created)
            Assert.That((await repair.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString(), Is.EqualTo("Submitted"));
        else Assert.That(repair.Headers.RetryAfter, Is.Not.Null);
        Assert.That(objection.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_target_repair_has_not_heard_of_is_a_retryable_409_and_stores_nothing(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var neverAccepted = Guid.NewGuid().ToString();
        using var subject = SubjectClient(code);

        var repair = await ApplyAsync(subject, code, neverAccepted, ct);
        var objection = await ObjectionTests.ObjectAsync(subject, code, neverAccepted, ct);

        foreach (var answer in new[] { repair, objection })
        {
            var problem = await JsonAsync(answer, HttpStatusCode.Conflict);
            Assert.That((answer.Headers.RetryAfter?.Delta, problem.GetProperty("retryable").GetBoolean()), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(2), true)));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Nothing was stored"));
        }
        var cases = await subject.GetFromJsonAsync<JsonElement>("/api/v1/repairs", ct);
        Assert.That(cases.GetProperty("items").GetArrayLength(), Is.Zero, "no Rejected case was stored");
    }
}
