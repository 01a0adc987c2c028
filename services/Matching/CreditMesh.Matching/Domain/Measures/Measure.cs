namespace CreditMesh.Matching.Domain.Measures;

/// <summary>Whether a measure punishes (失信惩戒) or rewards (守信激励).</summary>
public enum MeasureKind { Punishment, Incentive }

/// <summary>How strongly a measure acts (DESIGN §4.4); the decision of a match is the strongest one hit.</summary>
public enum MeasureStrength { Prohibit, Restrict, Review, HeightenedSupervision, GreenChannel, SimplifiedProcedure, Priority }

/// <summary>The law and article a measure rests on: a measure without one is not loaded (依法依规, 国办发〔2020〕49号).</summary>
public sealed record LegalBasis(string Law, string Article);

/// <summary>A matter (事项, scenario) an approval system asks about, e.g. GOV_PROCUREMENT.</summary>
public sealed record Matter(string Code, string Name);

/// <summary>
/// One measure of the catalogue (失信惩戒措施清单 / 联合奖惩备忘录): which lists it applies to, for which matters,
/// who implements it and on what legal basis. <see cref="Associating"/> marks the measures that also reach an
/// organisation's legal representative (限制高消费规定 art. 3).
/// </summary>
public sealed record Measure(
    string Code,
    string Name,
    MeasureKind Kind,
    MeasureStrength Strength,
    IReadOnlyList<ListType> ListTypes,
    IReadOnlyList<string> Matters,
    IReadOnlyList<string> ImplementingUnits,
    LegalBasis LegalBasis,
    string? SourceMemorandum,
    bool Associating = false)
{
    public bool AppliesTo(ListType list, string matter) => ListTypes.Contains(list) && Matters.Contains(matter);
}
