using System.ComponentModel.DataAnnotations;

namespace CreditMesh.EventSourcing;

/// <summary>Configuration section "EventStore": the service's own database, where Marten keeps its streams.</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary>Npgsql connection string of the service's own database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>How long start-up keeps retrying to reach the database before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Events per page handed to a subscription (the outbox relay) or an async projection by Marten's daemon.</summary>
    [Range(1, 10_000)]
    public int SubscriptionBatchSize { get; set; } = 500;

    /// <summary>
    /// Whether each append wakes the daemon at once (LISTEN/NOTIFY) instead of its next poll. On: the relay publishes within
    /// milliseconds, at the cost of one daemon pass (high-water check, page load, publish, progress) per commit when
    /// commits come one by one (docs/benchmarks.md, issue 16). Off: commits between polls share one pass.
    /// </summary>
    public bool NotifyOnAppend { get; set; } = true;

    /// <summary>
    /// How many of its most used statements each connection keeps prepared (Npgsql's Max Auto Prepare), when the connection
    /// string does not set it; 0 plans every statement anew.
    /// </summary>
    [Range(0, 1_000)]
    public int PreparedStatements { get; set; } = 64;
}
