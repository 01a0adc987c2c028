namespace CreditMesh.Ingestion.Domain.Publicity;

/// <summary>Minimum and maximum publicity of one severity tier, in months from the decision date.</summary>
public sealed record PublicityPeriod(int MinimumMonths, int MaximumMonths);

/// <summary>
/// Publicity of the categories that are not graded by severity, in months from the decision date. A
/// licence, court defaulter or honour with its own validUntil uses that instead of the default.
/// </summary>
public sealed record CategoryPeriods(int LicenseMonths, int CourtDefaulterMonths, int HonorMonths, int CommitmentMonths);

/// <summary>
/// One version of the publicity rules (公示期限), in force for decisions made on or after
/// <see cref="EffectiveFrom"/> until the next version's. Data, not code: a deployment passes its own list
/// to <see cref="PublicityRules.Compute"/> (for example with another EffectiveFrom); <see cref="Shipped"/> is the default.
/// </summary>
/// <param name="MinorMaximumMonths">Publicity of minor information when a deployment chooses to disclose it; null: this version never discloses it.</param>
/// <param name="SectorMinimumMonths">Longer minimums for general and serious penalties in the given sectors.</param>
public sealed record PublicityRuleSet(
    string Version,
    DateOnly EffectiveFrom,
    string Source,
    int? MinorMaximumMonths,
    PublicityPeriod General,
    PublicityPeriod Serious,
    IReadOnlyDictionary<Sector, int> SectorMinimumMonths,
    CategoryPeriods Categories)
{
    // Local practice, e.g. Shenzhen: 特种设备、安全生产、消防领域的行政处罚信息最短公示期为一年; DESIGN §4.2.
    private static readonly IReadOnlyDictionary<Sector, int> HighRiskSectors = new Dictionary<Sector, int>
    {
        [Sector.WorkSafety] = 12,
        [Sector.FireSafety] = 12,
        [Sector.SpecialEquipment] = 12,
    };

    private static readonly CategoryPeriods Defaults = new(
        LicenseMonths: 36,        // Platform default: no national publicity period for licences was found.
        CourtDefaulterMonths: 24, // 法释〔2017〕7号 第二条: 纳入失信被执行人名单的期限为二年.
        HonorMonths: 12,          // Honours such as the A-grade taxpayer are re-awarded every year.
        CommitmentMonths: 12);    // Platform default; commitments and their breaches have no national period.

    /// <summary>发改办财金〔2019〕527号: 信用中国 and local credit sites apply it from 1 July 2019; it has no minor tier.</summary>
    public static PublicityRuleSet V2019 { get; } = new(
        "2019", new DateOnly(2019, 7, 1),
        "发改办财金〔2019〕527号 (行政处罚信息信用修复机制, 自2019年7月1日起执行)",
        MinorMaximumMonths: null, General: new(3, 12), Serious: new(6, 36), HighRiskSectors, Defaults);

    /// <summary>
    /// 国办发〔2025〕22号 (issued 22 June 2025, no commencement date) set the tiers; the 信用修复管理办法 that
    /// makes them binding on credit sites takes effect on 1 April 2026 (国家发展改革委令第36号), so that is the
    /// date used. A deployment that follows the notice from its issue passes <c>V2025 with { EffectiveFrom = … }</c>.
    /// </summary>
    public static PublicityRuleSet V2025 { get; } = new(
        "2025", new DateOnly(2026, 4, 1),
        "国办发〔2025〕22号; 信用修复管理办法 (国家发展改革委令第36号, 自2026年4月1日起施行)",
        MinorMaximumMonths: 3, General: new(3, 12), Serious: new(12, 36), HighRiskSectors, Defaults);

    public static IReadOnlyList<PublicityRuleSet> Shipped { get; } = [V2019, V2025];
}
