namespace CreditMesh.Repair.Domain;

/// <summary>
/// Who is acting on a case: a member unit (by its code) or the credit centre. Only the unit that owns the record
/// or determined the entry decides (谁认定、谁修复), or the credit centre for any unit (DESIGN §4.5).
/// </summary>
public sealed record DecidingParty(bool IsCreditCentre, string? Unit)
{
    public bool MayDecideFor(string? owningUnit) => IsCreditCentre || (Unit is not null && Unit == owningUnit);

    public override string ToString() => IsCreditCentre ? "the credit centre" : $"unit {Unit}";
}

