namespace CreditMesh.Matching.Domain.Index;

/// <summary>A list entry that hits while <see cref="ValidFrom"/> ≤ t &lt; <see cref="ValidUntil"/> (the end is exclusive).</summary>
public sealed record ActiveEntry(string ListEntryId, ListType ListType, string DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil)
{
    /// <summary>Exact at read time (DESIGN §4.3): an entry that expired at 09:00 does not hit at 10:00, whether or not an expiry event came.</summary>
    public bool InForceAt(DateTimeOffset instant) => ValidFrom <= instant && instant < ValidUntil;
}

/// <summary>
/// 关联: an organisation's court-defaulter entry reaching its legal representative (最高人民法院限制高消费规定 art. 3).
/// <see cref="Of"/> is the organisation's code.
/// </summary>
public sealed record Association(string Kind, string Of)
{
    public const string LegalRepresentative = "LegalRepresentative";
}

/// <summary>An entry found for the subject asked about: its own, or one reaching it by association.</summary>
public sealed record EntryFound(ActiveEntry Entry, Association? Association = null);
