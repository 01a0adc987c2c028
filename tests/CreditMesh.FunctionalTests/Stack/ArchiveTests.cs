using CreditMesh.Contracts.Vocabulary;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using MassTransit;
using Npgsql;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>The credit archive (信用档案) fed with other services' integration events over real RabbitMQ.</summary>
public sealed class ArchiveTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 9, 0, 0, Cst);

    [Test]
    [CancelAfter(60_000)]
    public async Task The_archive_replays_a_subjects_history_and_its_state_at_any_instant(CancellationToken ct)
    {
        // Given a subject's record, list entry and repair, each from its own service and stream
        var code = TestCodes.CreditCode();
        var unit = new Actor("11440300MB2C928511", "clerk", Roles.MemberUnit);
        await RunningSystem.PublishAsync(ct,
            new CreditRecordAccepted(Guid.NewGuid(), Day(3, 1), code, $"record-{code}-A", 1, null, unit, "REC-A", unit.Unit!, "AdministrativePenalty",
                "某企业", "LegalPerson", new DateOnly(2026, 3, 1), "General", Disclosed: true, PublicityFrom: new DateOnly(2026, 3, 1), PublicityMaxUntil: new DateOnly(2027, 3, 1)),
            new ListEntryActivated(Guid.NewGuid(), Day(4, 1), code, $"list-entry-{code}-1", 1, null, unit, "LE-1", "KeyAttention", unit.Unit!, Day(4, 1), Day(4, 1).AddYears(1)),
            new RepairApplied(Guid.NewGuid(), Day(4, 2), code, $"repair-{code}-1", 1, null, new Actor(null, "ent", Roles.Subject), "RP-1", "Record", "REC-A"),
            new CreditRecordRevoked(Guid.NewGuid(), Day(5, 1), code, $"record-{code}-A", 2, null, unit, "REC-A", "复议撤销"),
            new ListEntryRemoved(Guid.NewGuid(), Day(5, 1), code, $"list-entry-{code}-1", 2, null, unit, "LE-1", "BasisRevoked"),
            new RepairDecided(Guid.NewGuid(), Day(5, 2), code, $"repair-{code}-1", 2, null, unit, "RP-1", "Record", "REC-A", false, null, "basis revoked"));
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        // (the registry's own provisional registration of the subject joins the archive too, stamped with today's time)
        await HistoryAsync(auditor, code, null, ct, until: h => FromStreams(h, $"record-{code}-A", $"list-entry-{code}-1", $"repair-{code}-1") == 6);

        // Then the state differs at three instants as the events say
        var march = await HistoryAsync(auditor, code, Day(3, 15), ct);
        var april = await HistoryAsync(auditor, code, Day(4, 15), ct);
        var may = await HistoryAsync(auditor, code, Day(5, 15), ct);
        Assert.That(State(march), Is.EqualTo((new[] { "REC-A" }, Array.Empty<string>(), Array.Empty<string>())));
        Assert.That(State(april), Is.EqualTo((new[] { "REC-A" }, new[] { "LE-1" }, new[] { "RP-1" })));
        Assert.That(State(may), Is.EqualTo((Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>())));
        Assert.That(april.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "CreditRecordAccepted", "ListEntryActivated", "RepairApplied" }));
        var first = march.GetProperty("events")[0];
        Assert.That((first.GetProperty("stream").GetString(), first.GetProperty("version").GetInt64()), Is.EqualTo(($"record-{code}-A", 1L)));
        Assert.That(first.GetProperty("actor").GetString(), Does.Contain(unit.Unit));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_gap_in_a_source_stream_is_detected_and_refilled_by_its_owner(CancellationToken ct)
    {
        // Given the owning service of a record stream, answering republish requests for it
        var code = TestCodes.CreditCode();
        var stream = $"record-{code}-B";
        var unit = new Actor("UNIT-B", "clerk", Roles.MemberUnit);
        var versions = new IIntegrationEvent[]
        {
            Accepted(code, stream, 1, unit),
            new CreditRecordCorrected(Guid.NewGuid(), Day(6, 2), code, stream, 2, null, unit, "REC-B", "金额更正"),
            new CreditRecordCorrected(Guid.NewGuid(), Day(6, 3), code, stream, 3, null, unit, "REC-B", "文号更正"),
        };
        var asked = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var owner = RunningSystem.ConnectBus(cfg =>
        {
            cfg.ReceiveEndpoint($"test-owner-{Guid.NewGuid():N}", e => e.Handler<StreamRepublishRequested>(async context =>
            {
                if (context.Message.SourceStream != stream) return;
                asked.TrySetResult(context.Message.FromVersion);
                foreach (var envelope in versions.Where(v => v.SourceVersion >= context.Message.FromVersion).Select(EventBatch.Of))
                    await context.Publish(envelope, envelope.GetType(), context.CancellationToken);
            }));
        });
        await owner.StartAsync(ct);
        try
        {
            // When versions 1 and 3 arrive but 2 is lost on the way
            await RunningSystem.PublishAsync(ct, versions[0], versions[2]);
            using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));

            // Then the registry notices the gap and asks the owner from version 2, and the copy becomes whole
            Assert.That(await asked.Task.WaitAsync(ct), Is.EqualTo(2));
            var history = await HistoryAsync(auditor, code, null, ct, until: h => FromStreams(h, stream) == 3);
            Assert.That(history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("stream").GetString() == stream)
                .Select(e => e.GetProperty("version").GetInt64()), Is.EqualTo(new long[] { 1, 2, 3 }));
            var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
            Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True);
        }
        finally
        {
            await owner.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Verify_names_the_stream_and_first_event_tampered_with_in_the_archive(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var stream = $"record-{code}-C";
        var unit = new Actor("UNIT-C", "clerk", Roles.MemberUnit);
        await RunningSystem.PublishAsync(ct, Accepted(code, stream, 1, unit),
            new CreditRecordCorrected(Guid.NewGuid(), Day(6, 2), code, stream, 2, null, unit, "REC-B", "更正"));
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        await HistoryAsync(auditor, code, null, ct, until: h => FromStreams(h, stream) == 2);
        Assert.That((await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct)).GetProperty("intact").GetBoolean(), Is.True);

        // When someone rewrites the archived summary of version 2 in the registry's database
        await ChangeOneArchiveRowAsync("update archive_timeline set summary = 'nothing happened' where source_stream = $1 and source_version = 2", stream, ct);

        // Then verify reports that stream broken at version 2
        Assert.That(await VerifyAsync(auditor, code, stream, ct), Is.EqualTo((false, false, 2L)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Verify_names_the_first_event_cut_off_the_end_of_an_archive_copy(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var stream = $"record-{code}-D";
        var unit = new Actor("UNIT-D", "clerk", Roles.MemberUnit);
        await RunningSystem.PublishAsync(ct, Accepted(code, stream, 1, unit),
            new CreditRecordCorrected(Guid.NewGuid(), Day(6, 2), code, stream, 2, null, unit, "REC-B", "更正"),
            new CreditRecordRevoked(Guid.NewGuid(), Day(6, 3), code, stream, 3, null, unit, "REC-B", "撤销"));
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        await HistoryAsync(auditor, code, null, ct, until: h => FromStreams(h, stream) == 3);

        // When someone deletes the newest archived event of that stream, payload, summary and all
        await ChangeOneArchiveRowAsync("delete from archive_timeline where source_stream = $1 and source_version = 3", stream, ct);

        // Then the history shows two events, and verify reports the stream broken at version 3
        Assert.That(FromStreams(await HistoryAsync(auditor, code, null, ct), stream), Is.EqualTo(2));
        Assert.That(await VerifyAsync(auditor, code, stream, ct), Is.EqualTo((false, false, 3L)));
    }

    /// <summary>What someone with access to the registry's database does to one archived row of <paramref name="stream"/>.</summary>
    private static async Task ChangeOneArchiveRowAsync(string sql, string stream, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(RunningSystem.Databases["Registry"]);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(stream);
        Assert.That(await command.ExecuteNonQueryAsync(ct), Is.EqualTo(1));
    }

    /// <summary>Verify's answer: the whole archive intact, the stream intact, and the stream's first broken version.</summary>
    private static async Task<(bool, bool, long?)> VerifyAsync(HttpClient auditor, string code, string stream, CancellationToken ct)
    {
        var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
        var check = verify.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == stream);
        return (verify.GetProperty("intact").GetBoolean(), check.GetProperty("intact").GetBoolean(),
            check.TryGetProperty("firstBrokenVersion", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null);
    }

    private static CreditRecordAccepted Accepted(string code, string stream, long version, Actor unit) =>
        new(Guid.NewGuid(), Day(6, 1), code, stream, version, null, unit, "REC-B", unit.Unit!, "AdministrativePenalty", "某企业", "LegalPerson",
            new DateOnly(2026, 6, 1), "General", Disclosed: true, PublicityFrom: new DateOnly(2026, 6, 1), PublicityMaxUntil: new DateOnly(2027, 6, 1));

    private static int FromStreams(JsonElement history, params string[] streams) =>
        history.GetProperty("events").EnumerateArray().Count(e => streams.Contains(e.GetProperty("stream").GetString()));

    private static (string[], string[], string[]) State(JsonElement history)
    {
        var state = history.GetProperty("state");
        string[] Ids(string name) => state.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        return (Ids("disclosedRecords"), Ids("activeListEntries"), Ids("openRepairs"));
    }

    /// <summary>Reads the history; with <paramref name="until"/>, asks again until the archive has consumed what the test sent.</summary>
    private static async Task<JsonElement> HistoryAsync(HttpClient client, string code, DateTimeOffset? asOf, CancellationToken ct,
        Func<JsonElement, bool>? until = null)
    {
        var query = asOf is { } at ? $"?asOf={Uri.EscapeDataString(at.ToString("O"))}" : "";
        while (true)
        {
            var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history{query}", ct);
            if (until is null || until(history)) return history;
            await Task.Delay(50, ct);
        }
    }
}
