extern alias Lists;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.EventSourcing;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Lists::CreditMesh.Lists.Domain;
using Lists::CreditMesh.Lists.Features;
using Lists::CreditMesh.Lists.Projections;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// What the maintenance job does when the clock moves on, against the running lists service's database. The
/// clock is moved for this test's subject only (a reconcile under a manual clock), so no other test's entries change.
/// </summary>
public sealed class ListMaintenanceTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_proposed_entry_is_due_after_its_window_takes_effect_then_and_is_removed_as_expired_at_its_end(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await RunningSystem.PublishAsync(ct, ListsTests.Accepted(code, Guid.NewGuid().ToString(), "AdministrativePenalty", "Serious"));
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var entry = await UntilAsync(auditor, code, e => e.Count == 1, ct);
        var id = entry[0].GetProperty("listEntryId").GetString()!;
        var validUntil = entry[0].GetProperty("validUntil").GetDateTimeOffset();
        var services = RunningSystem.Services["Lists"];
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var windowEnd = services.GetRequiredService<SubjectDecider>().ObjectionWindowEnd(DateTimeOffset.UtcNow);
        Assert.That(await ListEntryQueries.SubjectsDueAsync(dataSource, windowEnd.AddTicks(-10), ct), Does.Not.Contain(code));
        Assert.That(await ListEntryQueries.SubjectsDueAsync(dataSource, windowEnd, ct), Does.Contain(code));

        var clock = new ManualTimeProvider(windowEnd);
        var lists = new SubjectLists(services.GetRequiredService<Marten.IDocumentStore>(), dataSource, services.GetRequiredService<SubjectDecider>(), clock);
        await lists.ReconcileAsync(code, EventMetadata.None, null, null, ct);
        var active = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{id}", ct);
        Assert.That((active.GetProperty("status").GetString(), active.GetProperty("validFrom").GetDateTimeOffset()), Is.EqualTo(("Active", windowEnd)));

        clock.Set(validUntil);
        await lists.ReconcileAsync(code, EventMetadata.None, null, null, ct);
        var expired = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{id}", ct);
        Assert.That((expired.GetProperty("status").GetString(), expired.GetProperty("removalReason").GetString(), expired.GetProperty("version").GetInt64()),
            Is.EqualTo(("Removed", "Expired", 3L)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_entry_past_its_end_reads_as_expired_whether_or_not_the_job_has_written_it(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = Guid.NewGuid().ToString();
        var accepted = ListsTests.Accepted(code, recordId, "AdministrativePenalty", "General");
        await RunningSystem.PublishAsync(ct, accepted);
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var services = RunningSystem.Services["Lists"];
        var decider = services.GetRequiredService<SubjectDecider>();
        // Proposed in May, in effect after its window, valid through 1 June: by now long over.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 11, 10, 0, 0, ChinaTime.Offset));
        var lists = new SubjectLists(services.GetRequiredService<Marten.IDocumentStore>(), services.GetRequiredService<NpgsqlDataSource>(), decider, clock);
        while (!await KnownAsync(services, recordId, ct)) await Task.Delay(50, ct);
        var id = (await lists.DecideAsync(code, EventMetadata.None, null, null,
            (facts, now) => decider.ProposeManually(facts, ListsTests.UnitA, ListType.RedList, [recordId], "test", new DateOnly(2026, 6, 1), now), ct))!.Single().ListEntryId;
        clock.Set(new DateTimeOffset(2026, 5, 25, 0, 0, 0, ChinaTime.Offset));
        await lists.ReconcileAsync(code, EventMetadata.None, null, null, ct);

        var read = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{id}", ct);
        var active = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={code}&status=Active", ct);
        var removed = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={code}&status=Removed", ct);

        Assert.That((read.GetProperty("status").GetString(), read.GetProperty("removalReason").GetString()), Is.EqualTo(("Removed", "Expired")));
        Assert.That((active.GetProperty("items").GetArrayLength(), removed.GetProperty("items").GetArrayLength()), Is.EqualTo((0, 1)));
    }

    private static async Task<bool> KnownAsync(IServiceProvider services, string recordId, CancellationToken ct) =>
        (await KnownRecords.FindAsync(services.GetRequiredService<NpgsqlDataSource>(), [recordId], ct)).Any(r => r.Counts);

    private static Task<List<JsonElement>> UntilAsync(HttpClient client, string code, Func<List<JsonElement>, bool> expected, CancellationToken ct) =>
        Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={code}", ct)).GetProperty("items")
            .EnumerateArray().ToList(), expected, $"the entries of {code}", Timeout.InfiniteTimeSpan, ct);
}
