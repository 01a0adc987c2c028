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

/// <summary>Configuration section "OutboxRelay".</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "OutboxRelay";

    /// <summary>Upper bound on publishing one page; past it the page is retried from the relay's progress.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Configuration section "ConsumerBatches": how the hot-path consumers take messages in batches, one transaction per
/// batch (DESIGN §6 throughput).
/// </summary>
public sealed class ConsumerBatchOptions
{
    public const string Section = "ConsumerBatches";

    /// <summary>Most messages of one type in one batch; the endpoint's prefetch is raised to hold a full batch.</summary>
    [Range(1, 1000)] public int MessageLimit { get; set; } = 100;

    /// <summary>How long a batch waits to fill; a lone message is handled after at most this delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches of one endpoint handled at the same time.</summary>
    [Range(1, 16)] public int ConcurrencyLimit { get; set; } = 2;
}
