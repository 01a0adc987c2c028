namespace CreditMesh.Matching.Domain.Measures;

/// <summary>One version of the measures catalogue, in force from <see cref="EffectiveFrom"/> until the next version.</summary>
public sealed record CatalogueVersion(string Version, DateTimeOffset EffectiveFrom, IReadOnlyList<Matter> Matters, IReadOnlyList<Measure> Measures)
{
    public bool Knows(string matterCode) => Matters.Any(m => m.Code == matterCode);
}

/// <summary>
/// The measures catalogue as versioned data (DESIGN §4.4): a match uses the version in force at the instant it
/// evaluates, so an auditor's replay of a past day uses that day's catalogue (DESIGN §4.6).
/// </summary>
public sealed class MeasuresCatalogue
{
    private readonly CatalogueVersion[] _versions;

    public MeasuresCatalogue(IEnumerable<CatalogueVersion> versions)
    {
        _versions = versions.OrderBy(v => v.EffectiveFrom).ToArray();
        if (_versions.Length == 0) throw new CatalogueException(["the catalogue has no version"]);
    }

    public IReadOnlyList<CatalogueVersion> Versions => _versions;

    /// <summary>The version in force at the instant; before the first version, none (nothing was catalogued then).</summary>
    public CatalogueVersion? At(DateTimeOffset instant)
    {
        CatalogueVersion? inForce = null;
        foreach (var version in _versions)
        {
            if (version.EffectiveFrom > instant) break;
            inForce = version;
        }
        return inForce;
    }
}

/// <summary>The catalogue data is refused as a whole, with every reason (a measure without legal basis, an unknown matter…).</summary>
public sealed class CatalogueException(IReadOnlyList<string> errors)
    : Exception("The measures catalogue was refused: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
