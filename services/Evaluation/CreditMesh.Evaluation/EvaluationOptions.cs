using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Evaluation;

/// <summary>Configuration section "Evaluation".</summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>A province's own evaluation-model.json (ADR 0017); empty: the default shipped with the service.</summary>
    public string? ModelFile { get; set; }

    /// <summary>How often stored evaluations are brought up to date with windows and validities that ended by themselves.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Subjects evaluated again in one transaction by the review.</summary>
    [Range(1, 5000)]
    public int ReviewBatch { get; set; } = 500;
}
