using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Matching;

/// <summary>Configuration section "Matching".</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>How often a replica looks for list changes when no notification arrives (notifications usually come first).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan IndexPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At most this many matches share one log transaction (group commit).</summary>
    [Range(1, 5000)]
    public int GroupCommitMaxBatch { get; set; } = 1000;

    /// <summary>How many group-commit transactions may be in flight at once.</summary>
    [Range(1, 16)]
    public int GroupCommitWriters { get; set; } = 4;
}
