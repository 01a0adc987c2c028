using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Messaging;

/// <summary>Configuration section "OutboxRelay".</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "OutboxRelay";

    /// <summary>Upper bound on publishing one page; past it the page is retried from the relay's progress.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most integration events in one message (<see cref="Contracts.EventBatch{T}"/>); each is one consumer transaction's worth.</summary>
    [Range(1, 1000)] public int EventsPerMessage { get; set; } = 100;
}
