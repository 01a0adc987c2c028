using System.Text.Json.Serialization;
using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Matching.Domain.Measures;

namespace CreditMesh.Matching.Features;

public sealed record MeasureDto(string Code, string Name, string Kind, string Strength, LegalBasis LegalBasis, string? SourceMemorandum)
{
    public static MeasureDto Of(Measure m) => new(m.Code, m.Name, m.Kind.ToString(), m.Strength.ToString(), m.LegalBasis, m.SourceMemorandum);
}

/// <summary>A hit as the approver sees it; <c>association</c> is present only when the entry reaches the subject through an organisation.</summary>
public sealed record HitDto(string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    Association? Association, IReadOnlyList<MeasureDto> Measures)
{
    public static HitDto Of(Hit h) => new(h.Found.Entry.ListEntryId, h.Found.Entry.ListType.ToString(), h.Found.Entry.DeterminedBy,
        h.Found.Entry.ValidFrom, h.Found.Entry.ValidUntil, h.Found.Association, h.Measures.Select(MeasureDto.Of).ToList());

    public static LoggedHit Logged(Hit h) => new(h.Found.Entry.ListEntryId, h.Found.Entry.ListType.ToString(), h.Found.Entry.DeterminedBy,
        h.Found.Entry.ValidUntil, h.Found.Association?.Of, h.Measures.Select(m => m.Code).ToList());
}

/// <summary>
/// POST /api/v1/match answer (DESIGN §5): decision, hits with their measures, suppressed incentives, catalogue version, and the
/// subject's grade (DESIGN §5.2: <c>evaluation</c>, null when it has none) from matching's own copy of EvaluationChanged.
/// </summary>
public sealed record MatchResponse(string MatchId, string SubjectCode, string MatterCode, string Decision, IReadOnlyList<HitDto> Hits,
    IReadOnlyList<HitDto> Suppressed, DateTimeOffset EvaluatedAt, DateTimeOffset? AsOf, string CatalogVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SubjectGrade? Evaluation = null);
