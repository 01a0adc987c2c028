using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Lists.Domain;

/// <summary>Section "Lists": the periods of DESIGN §4.3 (defaults as written there). Bump RuleVersion when changing them.</summary>
public sealed class ListsOptions
{
    public const string Section = "Lists";

    [Required] public string RuleVersion { get; set; } = "2026.1";

    /// <summary>公示/异议期: working days the subject has to object before a serious-dishonesty entry takes effect.</summary>
    [Range(0, 60)] public int ObjectionWindowWorkingDays { get; set; } = 5;

    [Range(2, 20)] public int RepeatPenaltyThreshold { get; set; } = 3;
    [Range(1, 60)] public int RepeatPenaltyWindowMonths { get; set; } = 12;
    [Range(1, 120)] public int SeriousDishonestyValidityMonths { get; set; } = 36;
    [Range(1, 120)] public int CourtDefaulterValidityMonths { get; set; } = 24;
    [Range(1, 120)] public int KeyAttentionValidityMonths { get; set; } = 12;
    [Range(1, 120)] public int RedListValidityMonths { get; set; } = 12;

    /// <summary>How often the maintenance job activates entries whose window ended and records expiries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);
}
