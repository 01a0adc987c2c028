using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Gateway;

/// <summary>Where the services are, and how long the gateway waits for them.</summary>
public sealed class GatewayOptions
{
    /// <summary>Section "Services": one base address per service, e.g. "Registry": "http://127.0.0.1:5101".</summary>
    [Required] public Dictionary<string, string> Services { get; set; } = [];

    /// <summary>A service that sends nothing for this long is answered with 504 by the gateway.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ServiceTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest request body accepted (a batch of 1,000 records is about 2 MB); larger → 413.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Calls to a service within 10 s before its circuit may open (at ≥ 50 % failures).</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Fault injection for resilience tests; see <see cref="ChaosOptions"/>.</summary>
    public ChaosOptions Chaos { get; set; } = new();

    public string AddressOf(string service) =>
        Services.TryGetValue(service, out var address)
            ? address
            : throw new InvalidOperationException($"Configuration 'Services:{service}' is missing: the gateway needs the address of the {service} service.");
}
