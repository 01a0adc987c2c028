using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Messaging;

/// <summary>
/// Configuration section "ConsumerBatches": how the hot-path consumers take envelopes of events (ADR 0018), one
/// transaction per envelope (DESIGN §6 throughput). How many events an envelope holds is the relay's
/// <see cref="OutboxRelayOptions.EventsPerMessage"/>.
/// </summary>
public sealed class ConsumerBatchOptions
{
    public const string Section = "ConsumerBatches";

    /// <summary>Envelopes of one endpoint handled at the same time.</summary>
    [Range(1, 16)] public int ConcurrencyLimit { get; set; } = 2;
}
