using CreditMesh.Contracts.Vocabulary;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>What the repair service learns from the lists and ingestion services' events, published as they would publish them.</summary>
public sealed class RepairTargetTests
{
    private static readonly Actor Lists = new(UnitA, "lists", Roles.MemberUnit);

    private static ListEntryActivated Activated(string code, string entryId, string listType, DateTimeOffset validFrom, long version = 2) =>
        new(Guid.NewGuid(), validFrom, code, $"list-entry-{entryId}", version, null, Lists, entryId, listType, UnitA, validFrom, validFrom.AddYears(3));

    private static Task<HttpResponseMessage> ApplyForEntryAsync(HttpClient client, string code, string entryId, CancellationToken ct) =>
        client.PostAsJsonAsync("/api/v1/repairs", new
        {
            subjectCode = code, target = new { kind = "ListEntry", id = entryId }, commitment = "承诺守信经营",
            evidence = new[] { new { type = "Rectification", description = "整改完成报告" } },
        }, ct);

    /// <summary>Applies until the answer no longer says the entry is unknown (the lists event is consumed asynchronously).</summary>
    private static async Task<JsonElement> ApplyOnceKnownAsync(string code, string entryId, CancellationToken ct)
    {
        using var subject = SubjectClient(code);
        while (true)
        {
            var answer = await JsonAsync(await ApplyForEntryAsync(subject, code, entryId, ct), HttpStatusCode.Created);
            if (!answer.GetProperty("eligibility").GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("is known"))) return answer;
            await Task.Delay(50, ct);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_serious_dishonesty_entry_active_for_over_a_year_may_be_repaired_and_its_determining_unit_decides(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var entryId = $"LE-{Guid.NewGuid():N}";
        await RunningSystem.PublishAsync(ct, Activated(code, entryId, "SeriousDishonesty", DateTimeOffset.UtcNow.AddMonths(-13)));

        var applied = await ApplyOnceKnownAsync(code, entryId, ct);

        Assert.That(applied.GetProperty("status").GetString(), Is.EqualTo("Submitted"), applied.ToString());
        using var clerk = Clerk();
        var view = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/repairs/{applied.GetProperty("repairId").GetString()}", ct);
        Assert.That((view.GetProperty("decidingUnit").GetString(), view.GetProperty("target").GetProperty("kind").GetString()), Is.EqualTo((UnitA, "ListEntry")));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_court_defaulter_entry_is_not_repairable(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var entryId = $"LE-{Guid.NewGuid():N}";
        await RunningSystem.PublishAsync(ct, Activated(code, entryId, "CourtDefaulter", DateTimeOffset.UtcNow.AddYears(-2)));

        var applied = await ApplyOnceKnownAsync(code, entryId, ct);

        Assert.That(applied.GetProperty("status").GetString(), Is.EqualTo("Rejected"));
        Assert.That(applied.GetProperty("eligibility").GetProperty("reasons")[0].GetString(), Does.Contain("removed by the court"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_removal_delivered_before_the_activation_and_twice_still_leaves_the_entry_removed(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var entryId = $"LE-{Guid.NewGuid():N}";
        var removed = new ListEntryRemoved(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 3, null, Lists, entryId, "Withdrawn");
        await RunningSystem.PublishAsync(ct, removed, removed, Activated(code, entryId, "SeriousDishonesty", DateTimeOffset.UtcNow.AddMonths(-13)));

        // The activation is the last of the three to be consumed when the answer names its list type's rules rather than "unknown".
        JsonElement applied;
        do applied = await ApplyOnceKnownAsync(code, entryId, ct);
        while (applied.GetProperty("eligibility").GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("configured")));

        Assert.That(applied.GetProperty("eligibility").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()),
            Has.Some.Contains("no longer listed (removed: Withdrawn)"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_overdue_gauge_is_published_under_the_repair_meter(CancellationToken ct)
    {
        long? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CreditMesh.Repair" && instrument.Name == "creditmesh.repair.overdue") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();

        await UntilAsync(() => { listener.RecordObservableInstruments(); return Task.FromResult(observed is not null); }, ct);

        Assert.That(observed, Is.GreaterThanOrEqualTo(0), "a count of open cases past their deadlines (none can be overdue in a fresh system)");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_envelope_with_two_corrections_of_one_record_the_later_first_leaves_the_later_facts(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = $"REC-{Guid.NewGuid():N}";
        CreditRecordCorrected Corrected(long version, string severity, DateOnly minimumUntil) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, code,
            $"record-{recordId}", version, null, Lists, recordId, "更正", Category: "AdministrativePenalty", Severity: severity,
            PublicityMinUntil: minimumUntil, SourceUnit: UnitA);

        // Given one envelope, as ingestion's relay packs a page, holding version 3 and then version 2 of one record's corrections
        await RunningSystem.PublishAsync(ct, EventBatch.Of([Corrected(3, "Serious", new DateOnly(2027, 9, 1)), Corrected(2, "General", new DateOnly(2027, 3, 1))]));

        // Then repair knows the record with version 3's facts: version 2 came later but is older, so it changed nothing it knew
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(RunningSystem.Databases["Repair"]);
        (string?, DateOnly?, long)? row = null;
        await UntilAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("select severity, minimum_until, facts_version from repair_targets where target_id = $1");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) row = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2));
            return row is not null;
        }, ct);
        Assert.That(row, Is.EqualTo(("Serious", (DateOnly?)new DateOnly(2027, 9, 1), 3L)));
    }
}
