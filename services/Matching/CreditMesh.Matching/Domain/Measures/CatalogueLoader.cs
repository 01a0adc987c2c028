using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditMesh.Matching.Domain.Measures;

/// <summary>
/// Reads the catalogue from its JSON data and refuses it when any measure lacks a legal basis (law and article),
/// names an unknown matter, or a version repeats a code: the catalogue is law-bound data, loaded whole or not at all.
/// </summary>
public static class CatalogueLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record VersionData(string? Version, DateTimeOffset? EffectiveFrom, List<Matter>? Matters, List<MeasureData>? Measures);
    private sealed record MeasureData(string? Code, string? Name, MeasureKind Kind, MeasureStrength Strength, List<ListType>? ListTypes,
        List<string>? Matters, List<string>? ImplementingUnits, LegalBasisData? LegalBasis, string? SourceMemorandum, bool Associating);
    private sealed record LegalBasisData(string? Law, string? Article);
    private sealed record CatalogueData(List<VersionData>? Versions);

    /// <summary>The catalogue shipped with the service (Domain/Measures/measures.json).</summary>
    public static MeasuresCatalogue LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CreditMesh.Matching.measures.json")
            ?? throw new InvalidOperationException("measures.json is not embedded");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd());
    }

    public static MeasuresCatalogue Load(string json)
    {
        var data = JsonSerializer.Deserialize<CatalogueData>(json, Json) ?? new CatalogueData(null);
        var errors = new List<string>();
        var versions = new List<CatalogueVersion>();
        foreach (var v in data.Versions ?? [])
        {
            var name = v.Version ?? "?";
            if (v.EffectiveFrom is null) errors.Add($"version {name}: effectiveFrom is required");
            var matters = v.Matters ?? [];
            var measures = new List<Measure>();
            foreach (var m in v.Measures ?? [])
            {
                var where = $"version {name}, measure {m.Code ?? "?"}";
                if (string.IsNullOrWhiteSpace(m.Code) || string.IsNullOrWhiteSpace(m.Name)) errors.Add($"{where}: code and name are required");
                if (string.IsNullOrWhiteSpace(m.LegalBasis?.Law) || string.IsNullOrWhiteSpace(m.LegalBasis?.Article))
                    errors.Add($"{where}: has no legal basis (law and article)");
                if ((m.ListTypes ?? []).Count == 0) errors.Add($"{where}: applies to no list");
                foreach (var matter in (m.Matters ?? []).Where(x => matters.All(known => known.Code != x)))
                    errors.Add($"{where}: unknown matter {matter}");
                if (measures.Any(x => x.Code == m.Code)) errors.Add($"{where}: code repeated");
                var kindFits = m.Kind == MeasureKind.Punishment
                    ? m.Strength is MeasureStrength.Prohibit or MeasureStrength.Restrict or MeasureStrength.Review or MeasureStrength.HeightenedSupervision
                    : m.Strength is MeasureStrength.GreenChannel or MeasureStrength.SimplifiedProcedure or MeasureStrength.Priority;
                if (!kindFits) errors.Add($"{where}: strength {m.Strength} does not fit kind {m.Kind}");
                measures.Add(new Measure(m.Code ?? "", m.Name ?? "", m.Kind, m.Strength, m.ListTypes ?? [], m.Matters ?? [], m.ImplementingUnits ?? [],
                    new LegalBasis(m.LegalBasis?.Law ?? "", m.LegalBasis?.Article ?? ""), m.SourceMemorandum, m.Associating));
            }
            versions.Add(new CatalogueVersion(name, v.EffectiveFrom ?? default, matters, measures));
        }
        if (versions.Count == 0) errors.Add("the catalogue has no version");
        if (errors.Count > 0) throw new CatalogueException(errors);
        return new MeasuresCatalogue(versions);
    }
}
