using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditMesh.EventSourcing;

/// <summary>Ready when the database answers and every subscription has caught up with the store.</summary>
public sealed class EventStoreHealthCheck(EventStore store, SubscriptionDaemon daemon) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = store.DataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
        return daemon.AllCaughtUp
            ? HealthCheckResult.Healthy("database reachable; subscriptions caught up")
            : HealthCheckResult.Unhealthy("subscriptions catching up",
                data: daemon.Status.ToDictionary(s => s.Key, s => (object)s.Value.ToString()));
    }
}
