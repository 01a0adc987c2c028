namespace CreditMesh.Ingestion.Domain.Publicity;

/// <summary>Regulated field of a penalty, for which a rule set may lengthen the minimum publicity period.</summary>
public enum Sector
{
    /// <summary>安全生产.</summary>
    WorkSafety,

    /// <summary>消防安全.</summary>
    FireSafety,

    /// <summary>特种设备.</summary>
    SpecialEquipment,
}
