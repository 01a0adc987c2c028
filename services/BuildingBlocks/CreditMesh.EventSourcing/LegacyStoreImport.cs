using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Upgrade without loss (DESIGN §3.8): a database written by the first, hand-written store (tables streams, events,
/// subscription_checkpoints) is imported into Marten's tables once, in one transaction: every stream with its id,
/// type, version, times and archive flag; every event with its id, version, type, data, time and metadata (correlation
/// and causation in Marten's columns, actor, request id and trace parent as headers), numbered in the old commit order
/// (tx_id, seq); each event's hash with the metadata JSON it was hashed over (scheme 1), so every chain still verifies
/// and new events continue it; the relay's progress, so what was published is not published again. The old tables
/// are then renamed legacy_*, not dropped.
/// </summary>
internal static class LegacyStoreImport
{
    public const string RelayShard = "outbox-relay:All";

    public static async Task<long> RunAsync(NpgsqlConnection connection, IDocumentStore store, ILogger logger, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await IsFirstStoreAsync(connection, ct)) return 0;
        logger.LogWarning("Found tables of the first event store; importing them into Marten (the old tables are kept as legacy_*)");
        await ExecuteAsync(connection, """
            insert into mt_streams (id, type, version, timestamp, created, is_archived)
            select id, type, version, updated_at, created_at, archived from streams
            """, ct);
        await ExecuteAsync(connection, """
            create temporary table legacy_order on commit drop as
            select e.seq as old_seq, e.tx_id, row_number() over (order by e.tx_id, e.seq) as seq_id from events e
            """, ct);
        var imported = await ExecuteAsync(connection, """
            insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, correlation_id, causation_id, headers, is_archived)
            select o.seq_id, e.id, e.stream_id, e.version, e.data, e.type, e.created_at,
                   e.metadata->>'correlationId', e.metadata->>'causationId',
                   nullif(jsonb_strip_nulls(jsonb_build_object(
                       'actor-unit', e.metadata->'actor'->>'unit', 'actor-user', e.metadata->'actor'->>'user', 'actor-role', e.metadata->'actor'->>'role',
                       'client-request-id', e.metadata->>'clientRequestId', 'traceparent', e.metadata->>'traceParent')), '{}'::jsonb),
                   s.archived
            from events e join legacy_order o on o.old_seq = e.seq join streams s on s.id = e.stream_id
            """, ct);
        await ExecuteAsync(connection, """
            insert into cm_event_hashes (stream_id, version, hash, scheme, legacy_metadata)
            select stream_id, version, hash, 1, metadata::text from events
            """, ct);
        await ExecuteAsync(connection, "select setval('mt_events_sequence', greatest((select max(seq_id) from mt_events), 1))", ct);
        // What the relay had published (up to its checkpoint in the old commit order) is where Marten's relay resumes.
        await ExecuteAsync(connection, $"""
            insert into mt_event_progression (name, last_seq_id)
            select '{RelayShard}', coalesce(max(o.seq_id), 0) from legacy_order o
            join subscription_checkpoints c on c.name = 'outbox-relay' and (o.tx_id, o.old_seq) <= (c.tx_id, c.seq)
            having count(*) > 0
            on conflict (name) do update set last_seq_id = excluded.last_seq_id
            """, ct);
        await ExecuteAsync(connection, """
            alter table events rename to legacy_events;
            alter table streams rename to legacy_streams;
            alter table subscription_checkpoints rename to legacy_subscription_checkpoints
            """, ct);
        await tx.CommitAsync(ct);
        return imported;
    }

    /// <summary>The old store's tables are there (and not yet renamed) and look like its schema.</summary>
    private static async Task<bool> IsFirstStoreAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            select count(*) = 3 from information_schema.columns
            where table_schema = current_schema() and table_name = 'events' and column_name in ('seq', 'tx_id', 'hash')
            """, connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
