using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Messaging;

/// <summary>Configuration section "OutboxRelay".</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "OutboxRelay";

    /// <summary>Upper bound on publishing one page; past it the page is retried from the relay's progress.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
