using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Gateway;

/// <summary>
/// Section "Chaos": fault injection with Polly's chaos strategies on the calls to chosen services, for resilience
/// tests and game days. Off unless services are named. Faults and latency are injected inside the circuit breaker,
/// so they count as the service failing, exactly as a real outage would.
/// </summary>
public sealed class ChaosOptions
{
    /// <summary>Cluster ids as in "Services" (e.g. "Lists"); empty means no injection anywhere.</summary>
    public string[] Services { get; set; } = [];

    /// <summary>Share of calls that fail with a transport error (the gateway answers 502, then its circuit opens).</summary>
    [Range(0.0, 1.0)] public double FaultRate { get; set; }

    /// <summary>Share of calls delayed by <see cref="Latency"/> before they are sent.</summary>
    [Range(0.0, 1.0)] public double LatencyRate { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(2);

    public bool AppliesTo(string service) => Services.Contains(service, StringComparer.OrdinalIgnoreCase) && (FaultRate > 0 || LatencyRate > 0);
}
