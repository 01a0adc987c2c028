using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Messaging;

/// <summary>Configuration section "RabbitMq".</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    [Required] public string Host { get; set; } = "127.0.0.1";
    [Range(1, 65535)] public int Port { get; set; } = 5672;
    [Required] public string VirtualHost { get; set; } = "/";
    [Required] public string Username { get; set; } = "guest";
    [Required] public string Password { get; set; } = "guest";

    /// <summary>Quorum queues for replicated brokers (production); classic queues on a single dev node.</summary>
    public bool UseQuorumQueues { get; set; }

    /// <summary>Immediate retries before a message goes to its endpoint's _error queue.</summary>
    [Range(0, 20)] public int RetryLimit { get; set; } = 5;

    /// <summary>Retries, 2 s apart, of a message whose handling failed because the database was down or restarting.</summary>
    [Range(0, 1000)] public int DatabaseOutageRetries { get; set; } = 90;

    [Range(1, 1000)] public int PrefetchCount { get; set; } = 32;

    /// <summary>
    /// Host start waits until every receive endpoint is bound (tests rely on it). Services leave it off:
    /// they start without the broker and report not-ready until it is reachable.
    /// </summary>
    public bool WaitUntilStarted { get; set; }

    /// <summary>
    /// How long the bus may stay unhealthy (broker unreachable, endpoints faulted) before liveness fails, so the
    /// orchestrator (Kubernetes, or infra/run.sh's supervisor) restarts the process (ADR 0013).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan UnhealthyBusRestartAfter { get; set; } = TimeSpan.FromSeconds(90);
}
