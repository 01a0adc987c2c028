extern alias Lists;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using Lists::CreditMesh.Lists.Domain;
using Lists::CreditMesh.Lists.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CreditMesh.FunctionalTests.Stack.ReportFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// 告知书 and the objection window over the running system (DESIGN §4.9): a serious penalty proposes an entry and gives notice;
/// an objection raised in time holds it until resolved. The clock is moved past the deadline for the test's subject only
/// (a reconcile under a manual clock, as in <see cref="ListMaintenanceTests"/>).
/// </summary>
public sealed class NoticeTests
{
    private sealed record Noticed(string Code, string RecordId, string EntryId, DateTimeOffset Deadline, JsonElement Notice);

    private static async Task<Noticed> NoticedAsync(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-1), severity: "Serious"));
        using var subject = SubjectClient(code);
        var notice = (await NoticesAsync(subject, code, n => n.Count == 1, ct))[0];
        return new Noticed(code, recordId, notice.GetProperty("listEntryId").GetString()!, notice.GetProperty("objectionDeadline").GetDateTimeOffset(), notice);
    }

    public static Task<List<JsonElement>> NoticesAsync(HttpClient client, string code, Func<List<JsonElement>, bool> until, CancellationToken ct) =>
        Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/notices", ct)).GetProperty("items")
            .EnumerateArray().ToList(), until, $"the notices of {code}", Timeout.InfiniteTimeSpan, ct);

    private static async Task<JsonElement> EntryAsync(string code, string entryId, CancellationToken ct)
    {
        using var subject = SubjectClient(code);
        var entries = await subject.GetFromJsonAsync<JsonElement>("/api/v1/list-entries", ct);
        return entries.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("listEntryId").GetString() == entryId);
    }

    /// <summary>The subject objects to the proposed entry through the API (repair learns of the entry from lists' event).</summary>
    public static async Task<string> ObjectToEntryAsync(string code, string entryId, CancellationToken ct)
    {
        using var subject = SubjectClient(code);
        var body = new { subjectCode = code, target = new { kind = "ListEntry", id = entryId }, grounds = "处罚决定正在行政复议，不应列入严重失信主体名单" };
        var response = await Eventually.UntilAsync(() => subject.PostAsJsonAsync("/api/v1/objections", body, ct),
            r => r.StatusCode != HttpStatusCode.Conflict || r.Headers.RetryAfter is null, "repair to know the entry", Timeout.InfiniteTimeSpan, ct);
        return Id(await JsonAsync(response, HttpStatusCode.Created), "objectionId");
    }

    /// <summary>Reconciles the subject's entries as the maintenance job would at <paramref name="at"/>.</summary>
    private static Task ReconcileAtAsync(string code, DateTimeOffset at, CancellationToken ct)
    {
        var services = RunningSystem.Services["Lists"];
        var lists = new SubjectLists(services.GetRequiredService<Marten.IDocumentStore>(), services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<SubjectDecider>(), new ManualTimeProvider(at));
        return lists.ReconcileAsync(code, EventMetadata.None, null, null, ct);
    }

    /// <summary>Whether lists holds the objection, and whether it is still open (null: not heard of yet).</summary>
    private static async Task<bool?> ListsObjectionOpenAsync(string objectionId, CancellationToken ct)
    {
        await using var command = RunningSystem.Services["Lists"].GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select open from entry_objections where objection_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = objectionId });
        return await command.ExecuteScalarAsync(ct) as bool?;
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_serious_penalty_gives_its_subject_notice_of_the_proposed_entry_with_basis_legal_basis_and_deadline(CancellationToken ct)
    {
        var (code, recordId, entryId, deadline, notice) = await NoticedAsync(ct);

        var decider = RunningSystem.Services["Lists"].GetRequiredService<SubjectDecider>();
        Assert.That((notice.GetProperty("kind").GetString(), notice.GetProperty("listType").GetString(), notice.GetProperty("status").GetString()),
            Is.EqualTo(("ListingProposed", "SeriousDishonesty", "Open")));
        Assert.That(notice.GetProperty("basisRecordIds").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { recordId }));
        Assert.That(notice.GetProperty("legalBasis").GetString(), Does.Contain("国办发〔2020〕49号"));
        Assert.That(deadline, Is.EqualTo(decider.ObjectionWindowEnd(notice.GetProperty("issuedAt").GetDateTimeOffset())), "five working days, by the calendar");
        Assert.That(notice.GetProperty("howToObject").GetString(), Does.Contain(entryId).And.Contain("/api/v1/objections"));
        var entry = await EntryAsync(code, entryId, ct);
        Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("Proposed"), "the subject sees its proposed entry");
        await ArchivedAsync(code, ct, ("ListingNoticeIssued", entryId));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_objection_in_time_keeps_the_entry_proposed_past_its_deadline_until_upheld_which_removes_it(CancellationToken ct)
    {
        // Given a notice, and the subject's objection to the proposed entry within the window
        var (code, _, entryId, deadline, _) = await NoticedAsync(ct);
        var objectionId = await ObjectToEntryAsync(code, entryId, ct);
        using var subject = SubjectClient(code);
        await NoticesAsync(subject, code, n => n[0].GetProperty("status").GetString() == "Objected", ct);

        // When the deadline passes with the objection still open
        await ReconcileAtAsync(code, deadline.AddMinutes(1), ct);

        // Then the entry is still proposed; and when the unit upholds the objection, it is removed
        Assert.That((await EntryAsync(code, entryId, ct)).GetProperty("status").GetString(), Is.EqualTo("Proposed"));
        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "Revoke", reason = "复议决定撤销原处罚，不予列入" }, ct), HttpStatusCode.OK);
        var removed = await Eventually.UntilAsync(() => EntryAsync(code, entryId, ct), e => e.GetProperty("status").GetString() == "Removed",
            "the entry to be removed", Timeout.InfiniteTimeSpan, ct);
        Assert.That(removed.GetProperty("removalReason").GetString(), Is.EqualTo("ObjectionUpheld"));
        var notice = (await NoticesAsync(subject, code, n => n[0].GetProperty("listEntryStatus").GetString() == "Removed", ct))[0];
        Assert.That((notice.GetProperty("status").GetString(), notice.GetProperty("removalReason").GetString()), Is.EqualTo(("Objected", "ObjectionUpheld")));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_rejected_objection_lets_the_entry_take_effect_once_its_window_has_ended(CancellationToken ct)
    {
        var (code, _, entryId, deadline, _) = await NoticedAsync(ct);
        var objectionId = await ObjectToEntryAsync(code, entryId, ct);
        await Eventually.UntilAsync(async () => await ListsObjectionOpenAsync(objectionId, ct) == true, "lists to hear of the objection",
            Timeout.InfiniteTimeSpan, ct);
        await ReconcileAtAsync(code, deadline.AddMinutes(1), ct);
        Assert.That((await EntryAsync(code, entryId, ct)).GetProperty("status").GetString(), Is.EqualTo("Proposed"), "held while the objection is open");

        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = false, action = "None", reason = "处罚决定合法有效" }, ct), HttpStatusCode.OK);
        await Eventually.UntilAsync(async () => await ListsObjectionOpenAsync(objectionId, ct) == false, "lists to hear of the resolution",
            Timeout.InfiniteTimeSpan, ct);
        await ReconcileAtAsync(code, deadline.AddMinutes(2), ct);

        var entry = await EntryAsync(code, entryId, ct);
        Assert.That((entry.GetProperty("status").GetString(), entry.GetProperty("validFrom").GetDateTimeOffset()), Is.EqualTo(("Active", deadline.AddMinutes(2))));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_objection_raised_after_the_deadline_does_not_hold_the_entry(CancellationToken ct)
    {
        var (code, _, entryId, deadline, _) = await NoticedAsync(ct);
        var objectionId = $"late-{Guid.NewGuid():N}";
        // The repair service's event for an objection raised an hour after the deadline.
        await RunningSystem.PublishAsync(ct, new ObjectionOpened(Guid.NewGuid(), deadline.AddHours(1), code, $"objection-{objectionId}", 1, null,
            new Actor(null, "enterprise", Roles.Subject), objectionId, TargetKinds.ListEntry, entryId));
        await Eventually.UntilAsync(async () => await ListsObjectionOpenAsync(objectionId, ct) == true, "lists to hear of the objection",
            Timeout.InfiniteTimeSpan, ct);

        await ReconcileAtAsync(code, deadline.AddHours(2), ct);

        Assert.That((await EntryAsync(code, entryId, ct)).GetProperty("status").GetString(), Is.EqualTo("Active"));
        using var subject = SubjectClient(code);
        var notice = (await NoticesAsync(subject, code, n => n.Count == 1, ct))[0];
        Assert.That(notice.GetProperty("status").GetString(), Is.Not.EqualTo("Objected"), "a late objection is not an objection to the notice");
    }
}
