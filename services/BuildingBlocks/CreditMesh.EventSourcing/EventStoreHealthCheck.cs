using Marten;
using Npgsql;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Ready when the database answers and every async shard (projections, the outbox relay) has caught up, at least
/// once since this process started, with the events that were committed when it started — read from Marten's
/// progress table, so it holds on every replica whichever of them runs the daemon (HotCold).
/// The head is the highest committed sequence number (one index probe), not Marten's event store statistics, which count
/// every event and stream: seconds of PostgreSQL CPU per probe on a registry with millions of archive events.
/// </summary>
public sealed class EventStoreHealthCheck(IDocumentStore store, NpgsqlDataSource dataSource, EventStoreInitializer initializer) : IHealthCheck
{
    private long? _headAtStart;
    private volatile bool _caughtUp;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!initializer.Initialized.IsCompletedSuccessfully) return HealthCheckResult.Unhealthy("database schema not set up yet");
        try
        {
            await using var head = dataSource.CreateCommand(
                $"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events");
            var committed = (long)(await head.ExecuteScalarAsync(ct))!;
            if (_caughtUp) return HealthCheckResult.Healthy("database reachable; subscriptions caught up");
            _headAtStart ??= committed;
            var shards = store.Advanced.AllAsyncProjectionShardNames().Select(s => s.Identity).ToHashSet(StringComparer.Ordinal);
            var progress = (await store.Advanced.AllProjectionProgress(token: ct))
                .Where(p => shards.Contains(p.ShardName)).ToDictionary(p => p.ShardName, p => p.Sequence, StringComparer.Ordinal);
            var behind = shards.Where(s => progress.GetValueOrDefault(s) < _headAtStart).ToList();
            if (behind.Count == 0)
            {
                _caughtUp = true;
                return HealthCheckResult.Healthy("database reachable; subscriptions caught up");
            }
            return HealthCheckResult.Unhealthy("subscriptions catching up",
                data: behind.ToDictionary(s => s, s => (object)$"{progress.GetValueOrDefault(s)} of {_headAtStart}"));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
