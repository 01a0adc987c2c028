namespace CreditMesh.Ingestion.Domain.Publicity;

/// <summary>
/// When a record is shown to the public (公示期): from <see cref="From"/> up to, not including,
/// <see cref="MaxUntil"/>, when publicity ends by itself. From <see cref="MinUntil"/> on, the subject may
/// apply for credit repair (信用修复). <see cref="RuleVersion"/> names the rule set it was judged under.
/// </summary>
public sealed record PublicityWindow(bool Disclosed, DateOnly From, DateOnly MinUntil, DateOnly MaxUntil, string RuleVersion)
{
    public bool IsDisclosedOn(DateOnly day) => Disclosed && From <= day && day < MaxUntil;

    /// <summary>Whether the minimum publicity period has passed on <paramref name="day"/> (repair eligibility).</summary>
    public bool MinimumReachedOn(DateOnly day) => day >= MinUntil;
}
