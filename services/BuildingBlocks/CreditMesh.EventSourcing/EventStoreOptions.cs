using System.ComponentModel.DataAnnotations;

namespace CreditMesh.EventSourcing;

/// <summary>Configuration section "EventStore".</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary>Npgsql connection string of the service's own database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>How often a caught-up subscription looks again when no notification arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of the back-off after a subscription fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long start-up keeps retrying to reach the database before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
