using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// Files an integration event into the archive copy of its source stream, strictly in source-version order:
/// a repeat is dropped; an event ahead of its predecessor waits in archive_pending (a gap, refilled by
/// <see cref="GapRefiller"/> if the predecessor does not come by itself); when the missing version
/// arrives, it and everything waiting behind it are appended together.
/// </summary>
public sealed class ArchiveWriter(EventStore store)
{
    public async Task RecordAsync(IIntegrationEvent message, string summary, CancellationToken ct)
    {
        var archived = new ArchivedEvent(message.SubjectCode, message.SourceStream, message.SourceVersion, message.EventId,
            message.GetType().Name, message.OccurredAt.ToUniversalTime(), message.Actor is { } a ? $"{a.Role}:{a.Unit}:{a.User}" : null, summary,
            JsonSerializer.Serialize(message, message.GetType(), EventSerializer.JsonOptions));
        var streamId = ArchivedEvent.StreamId(message.SourceStream);

        await using var session = store.OpenSession(new EventMetadata(message.CorrelationId, message.EventId.ToString(),
            message.Actor is { } actor ? new EventActor(actor.Unit, actor.User, actor.Role) : null));
        var context = await session.GetContextAsync(ct);
        await context.ExecuteAsync("select pg_advisory_xact_lock(hashtext($1))", ct, streamId); // one writer per source stream
        var version = await context.ScalarAsync<long?>("select version from streams where id = $1", ct, streamId) ?? 0;

        if (message.SourceVersion <= version) return; // already archived
        if (message.SourceVersion > version + 1)
        {
            await context.ExecuteAsync("""
                insert into archive_pending (source_stream, source_version, event, received_at) values ($1, $2, $3::jsonb, $4)
                on conflict do nothing
                """, ct, message.SourceStream, message.SourceVersion, JsonSerializer.Serialize(archived, EventSerializer.JsonOptions), store.Time.GetUtcNow());
            await session.SaveChangesAsync(ct);
            return;
        }

        var batch = new List<object> { archived };
        batch.AddRange(await TakePendingAfterAsync(context, message.SourceStream, message.SourceVersion, ct));
        if (version == 0) session.Events.StartStream(streamId, "ArchiveCopy", [.. batch]);
        else session.Events.Append(streamId, version, [.. batch]);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The waiting events that now follow on without a gap, removed from the waiting room.</summary>
    private static async Task<List<ArchivedEvent>> TakePendingAfterAsync(ProjectionContext context, string sourceStream, long after, CancellationToken ct)
    {
        var waiting = new List<ArchivedEvent>();
        await using (var command = context.Command("select source_version, event::text from archive_pending where source_stream = $1 and source_version > $2 order by source_version"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sourceStream });
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var expected = after + 1;
            while (await reader.ReadAsync(ct) && reader.GetInt64(0) == expected++)
                waiting.Add(JsonSerializer.Deserialize<ArchivedEvent>(reader.GetString(1), EventSerializer.JsonOptions)!);
        }
        if (waiting.Count > 0)
            await context.ExecuteAsync("delete from archive_pending where source_stream = $1 and source_version <= $2", ct, sourceStream, waiting[^1].SourceVersion);
        return waiting;
    }
}
