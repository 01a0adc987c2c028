extern alias Registry;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.EventSourcing;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using CreditMesh.Contracts.Vocabulary;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ArchivedEvent = Registry::CreditMesh.Registry.Domain.Archive.ArchivedEvent;
using ArchiveSchema = Registry::CreditMesh.Registry.Archive.ArchiveSchema;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>ADR 0019: an archive written by the earlier release (a Marten stream per source stream, the timeline beside it) is carried over at start-up.</summary>
public sealed class ArchiveCarryOverTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task An_old_archive_copy_verifies_after_carry_over_and_a_copy_tampered_with_before_stays_broken_where_it_was(CancellationToken ct)
    {
        // Given two source streams archived the old way, the second one's version 2 rewritten in its Marten copy
        var code = TestCodes.CreditCode();
        var (intact, tampered) = ($"record-{code}-OLD1", $"record-{code}-OLD2");
        var registry = RunningSystem.Services["Registry"];
        await using (var session = await registry.GetRequiredService<IDocumentStore>().OpenWriteSessionAsync(EventMetadata.None, ct))
        {
            foreach (var stream in new[] { intact, tampered })
                session.AppendAt<ArchivedEvent>(ArchivedEvent.LegacyStreamId(stream), 0, [.. Enumerable.Range(1, 3).Select(v => (object)Old(code, stream, v))]);
            await session.CommitAsync(ct);
        }
        var dataSource = registry.GetRequiredService<NpgsqlDataSource>();
        await using (var batch = dataSource.CreateBatch())
        {
            foreach (var stream in new[] { intact, tampered })
                for (var v = 1; v <= 3; v++)
                {
                    var e = Old(code, stream, v);
                    var insert = new NpgsqlBatchCommand("""
                        insert into archive_timeline (subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload)
                        values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
                        """);
                    foreach (var value in new object[] { e.SubjectCode, e.OccurredAt, e.SourceStream, e.SourceVersion, e.Type, e.Actor!, e.Summary, e.Payload })
                        insert.Parameters.Add(new NpgsqlParameter { Value = value });
                    batch.BatchCommands.Add(insert);
                }
            var rewrite = new NpgsqlBatchCommand("update mt_events set data = jsonb_set(data, '{summary}', '\"nothing happened\"') where stream_id = $1 and version = 2");
            rewrite.Parameters.Add(new NpgsqlParameter { Value = ArchivedEvent.LegacyStreamId(tampered) });
            batch.BatchCommands.Add(rewrite);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from archive_migrations")); // as in a database the earlier release wrote
            await batch.ExecuteNonQueryAsync(ct);
        }

        // When the registry's start-up carries the archive over
        await ArchiveSchema.EnsureCreatedAsync(dataSource, ct);

        // Then the untouched copy verifies intact and the other is broken at version 2, both with all three events in the history
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
        Assert.That(history.GetProperty("events").GetArrayLength(), Is.EqualTo(6));
        var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
        var streams = verify.GetProperty("streams").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stream").GetString()!, s => (s.GetProperty("intact").GetBoolean(), s.TryGetProperty("firstBrokenVersion", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null));
        Assert.That(streams, Is.EquivalentTo(new Dictionary<string, (bool, long?)> { [intact] = (true, null), [tampered] = (false, 2L) }));

        // and an event archived now continues the carried-over chain
        var archive = registry.GetRequiredService<Registry::CreditMesh.Registry.Archive.ArchiveWriter>();
        await archive.RecordAsync(new CreditMesh.Contracts.CreditRecordRevoked(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1), code, intact, 4, null, null, "R", "撤销"),
            "Record R revoked", ct);
        verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
        Assert.That(verify.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == intact).GetProperty("intact").GetBoolean(), Is.True);
    }

    private static ArchivedEvent Old(string code, string stream, long version) =>
        new(code, stream, version, "CreditRecordCorrected", new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(version), "member-unit:UNIT:clerk",
            $"Record R corrected (v{version})", $$"""{"recordId":"R","sourceStream":"{{stream}}","sourceVersion":{{version}},"subjectCode":"{{code}}"}""");
}
