using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

/// <summary>
/// Liveness that fails once the bus has been unhealthy for longer than <see cref="RabbitMqOptions.UnhealthyBusRestartAfter"/>:
/// MassTransit reconnects by itself after a broker restart; if it has not within that bound, the process is restarted
/// (by Kubernetes' liveness probe, or infra/run.sh's supervisor) rather than left deaf.
/// </summary>
public sealed class BusLiveness(IBusControl bus, IOptions<RabbitMqOptions> options, TimeProvider time) : IHealthCheck
{
    private DateTimeOffset? _unhealthySince;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        var now = time.GetUtcNow();
        if (health.Status == BusHealthStatus.Healthy)
        {
            _unhealthySince = null;
            return Task.FromResult(HealthCheckResult.Healthy("bus connected"));
        }
        _unhealthySince ??= now;
        var bound = options.Value.UnhealthyBusRestartAfter;
        return Task.FromResult(now - _unhealthySince.Value > bound
            ? HealthCheckResult.Unhealthy($"bus unhealthy for more than {bound.TotalSeconds:0} s: {health.Description}")
            : HealthCheckResult.Healthy($"bus reconnecting ({health.Status}) since {_unhealthySince:O}"));
    }
}
