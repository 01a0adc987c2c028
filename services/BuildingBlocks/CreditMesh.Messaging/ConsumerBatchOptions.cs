using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Messaging;

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
