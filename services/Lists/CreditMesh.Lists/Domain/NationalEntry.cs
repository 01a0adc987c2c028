using CreditMesh.Calendar;

namespace CreditMesh.Lists.Domain;

/// <summary>
/// One item of a national list (国家下发的联合惩戒对象名单, DESIGN §4.10) as the credit centre imports it: the national id, the list,
/// the subject, the issuing national body (it determined the entry), the national document it rests on and its validity.
/// </summary>
public sealed record NationalEntry(string NationalId, ListType ListType, string SubjectName, string IssuedBy, string Basis, DateOnly ValidFrom,
    DateOnly? ValidUntil)
{
    /// <summary>Valid through the given last day; without one, for the list's default validity from <see cref="ValidFrom"/> (DESIGN §4.3).</summary>
    public DateTimeOffset ValidUntilInstant(DeterminationRules rules) =>
        ValidUntil is { } last ? ChinaTime.EndOf(last) : ChinaTime.StartOf(ValidFrom.AddMonths(rules[ListType].ValidityMonths));
}
