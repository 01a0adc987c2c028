using System.Globalization;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Reads the next batch for a subscription and hands it over, with the checkpoint saved in the same
/// transaction. Reads only below the oldest running transaction (pg_snapshot_xmin), in (tx_id, seq)
/// order, so an event whose transaction commits late is waited for, never skipped: the weakness of
/// time-based gap skipping in Marten's async daemon that DESIGN §3.3 asks us to avoid.
/// </summary>
public sealed class SubscriptionRunner(EventStore store)
{
    /// <summary>
    /// Runs one batch. Returns how many events were handled (-1 when another instance holds the
    /// subscription) and the checkpoint after it.
    /// </summary>
    public async Task<(int Handled, Checkpoint Position)> RunOnceAsync(IEventSubscription subscription, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var context = new ProjectionContext(connection, tx);
        if (!await TryLockAsync(context, subscription.Name, wait: false, ct)) return (-1, Checkpoint.Start);

        var checkpoint = await ReadCheckpointAsync(context, subscription.Name, ct);
        var events = await ReadBatchAsync(context, checkpoint, subscription.BatchSize, subscription.IncludeArchivedStreams, ct);
        if (events.Count > 0)
        {
            await subscription.HandleAsync(context, events, ct);
            checkpoint = Checkpoint.After(events[^1]);
            await SaveCheckpointAsync(context, subscription.Name, checkpoint, ct);
        }
        await tx.CommitAsync(ct);
        return (events.Count, checkpoint);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadBatchAsync(ProjectionContext context, Checkpoint after, int limit,
        bool includeArchived, CancellationToken ct, bool belowOldestRunningTransaction = true)
    {
        var sql = EventReader.SelectColumns + " where (e.tx_id, e.seq) > ($1::text::xid8, $2)";
        if (belowOldestRunningTransaction) sql += " and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())";
        if (!includeArchived) sql += " and not exists (select 1 from streams s where s.id = e.stream_id and s.archived)";
        await using var command = context.Command(sql + " order by e.tx_id, e.seq limit $3");
        command.Parameters.Add(new NpgsqlParameter { Value = after.TxId.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await EventReader.ReadAllAsync(command, store.Serializer, ct);
    }

    public static async Task<Checkpoint> ReadCheckpointAsync(ProjectionContext context, string name, CancellationToken ct)
    {
        await using var command = context.Command("select tx_id::text, seq from subscription_checkpoints where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Checkpoint(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1))
            : Checkpoint.Start;
    }

    public async Task SaveCheckpointAsync(ProjectionContext context, string name, Checkpoint checkpoint, CancellationToken ct)
    {
        await using var command = context.Command("""
            insert into subscription_checkpoints (name, tx_id, seq, updated_at) values ($1, $2::text::xid8, $3, $4)
            on conflict (name) do update set tx_id = excluded.tx_id, seq = excluded.seq, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.TxId.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = store.Time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One instance at a time runs a subscription (replicas of a service share its database).</summary>
    public static async Task<bool> TryLockAsync(ProjectionContext context, string name, bool wait, CancellationToken ct)
    {
        var function = wait ? "pg_advisory_xact_lock" : "pg_try_advisory_xact_lock";
        await using var command = context.Command($"select {function}(hashtext('subscription:' || $1))::text");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        var result = (string?)await command.ExecuteScalarAsync(ct);
        return wait || result == "true";
    }
}
