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
}

/// <summary>Configuration section "OutboxRelay".</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "OutboxRelay";

    /// <summary>Upper bound on publishing one batch; past it the batch is retried from the checkpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After this many batches in a row fail to publish, the relay stops and starts the bus, so its broker
    /// connections are made anew (seen after a RabbitMQ restart: MassTransit 8.4's send channel can stay broken
    /// while its receive side reconnects; see ADR 11).
    /// </summary>
    [Range(1, 1000)]
    public int RestartBusAfterFailures { get; set; } = 3;
}
