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
}
