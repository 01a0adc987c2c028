using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Registry.Archive;

/// <summary>Section "Archive".</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>
    /// How long an out-of-order event may wait for its predecessor before the owner is asked to publish
    /// the stream again (consumers run concurrently, so short waits are normal and resolve themselves).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan GapRefillAfter { get; set; } = TimeSpan.FromSeconds(5);
}
