namespace CreditMesh.EventSourcing;

/// <summary>Rebuilds any projection from zero (DESIGN §3.4): the events are the truth, read models are disposable.</summary>
public sealed class ProjectionRebuilder(EventStore store)
{
    private const int PageSize = 1000;

    /// <summary>
    /// Inline projection: empties it and replays every live event in one transaction, holding the
    /// projection lock exclusively so no append can project into a half-built model meanwhile.
    /// </summary>
    public async Task RebuildInlineAsync(IProjection projection, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var context = new ProjectionContext(connection, tx);
        await using (var command = context.Command($"select pg_advisory_xact_lock({EventStore.ProjectionLockKey})"))
            await command.ExecuteNonQueryAsync(ct);
        await projection.ResetAsync(context, ct);
        var runner = new SubscriptionRunner(store);
        var checkpoint = Checkpoint.Start;
        while (true)
        {
            var page = await runner.ReadBatchAsync(context, checkpoint, PageSize, includeArchived: false, ct, belowOldestRunningTransaction: false);
            if (page.Count == 0) break;
            await projection.ApplyAsync(context, page, ct);
            checkpoint = Checkpoint.After(page[^1]);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Async projection: empties it and rewinds its checkpoint; the daemon then replays from zero.</summary>
    public async Task RebuildAsync(AsyncProjection projection, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var context = new ProjectionContext(connection, tx);
        await SubscriptionRunner.TryLockAsync(context, projection.Name, wait: true, ct);
        await projection.Projection.ResetAsync(context, ct);
        await using (var command = context.Command("delete from subscription_checkpoints where name = $1"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = projection.Name });
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
