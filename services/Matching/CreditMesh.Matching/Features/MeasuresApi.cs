using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Matching.Domain.Measures;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditMesh.Matching.Features;

/// <summary>GET /api/v1/measures: the catalogue version in force now, with its matters and measures (any authenticated caller).</summary>
public static class MeasuresApi
{
    public sealed record MeasureEntry(string Code, string Name, string Kind, string Strength, IReadOnlyList<string> ListTypes, IReadOnlyList<string> Matters,
        IReadOnlyList<string> ImplementingUnits, LegalBasis LegalBasis, string? SourceMemorandum, bool Associating);
    public sealed record CatalogueResponse(string Version, DateTimeOffset EffectiveFrom, IReadOnlyList<Matter> Matters, IReadOnlyList<MeasureEntry> Items,
        IReadOnlyList<string> Versions);

    public static IEndpointRouteBuilder MapMeasuresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/measures", Get).RequireRoles([.. Roles.All]).WithTags("Measures");
        return app;
    }

    private static Ok<CatalogueResponse> Get(MeasuresCatalogue catalogue, TimeProvider time)
    {
        var current = catalogue.At(time.GetUtcNow()) ?? catalogue.Versions[0];
        return TypedResults.Ok(new CatalogueResponse(current.Version, current.EffectiveFrom, current.Matters,
            current.Measures.Select(m => new MeasureEntry(m.Code, m.Name, m.Kind.ToString(), m.Strength.ToString(), m.ListTypes.Select(l => l.ToString()).ToList(),
                m.Matters, m.ImplementingUnits, m.LegalBasis, m.SourceMemorandum, m.Associating)).ToList(),
            catalogue.Versions.Select(v => v.Version).ToList()));
    }
}
