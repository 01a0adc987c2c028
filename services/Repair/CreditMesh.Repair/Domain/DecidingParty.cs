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

/// <summary>What a requested transition comes to: the event to store (null: nothing changes), or why it is refused.</summary>
public abstract record Transition
{
    public sealed record Done(object? Event) : Transition;
    /// <summary>The party may not make this transition on this case (403).</summary>
    public sealed record Forbidden(string Reason) : Transition;
    /// <summary>The case is not in a state that allows it (409).</summary>
    public sealed record WrongState(string Reason) : Transition;
}
