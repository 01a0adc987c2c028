using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;

namespace CreditMesh.Evaluation.Features;

/// <summary>GET /api/v1/evaluations/{code} (DESIGN §5.2): score, grade, model version, caps and each indicator's points and basis.</summary>
public sealed record EvaluationResponse(string SubjectCode, int Score, Grade Grade, string ModelVersion, DateTimeOffset EvaluatedAt,
    IReadOnlyList<string> Caps, IReadOnlyList<IndicatorResult> Indicators)
{
    public static EvaluationResponse Of(SubjectEvaluation e) => new(e.SubjectCode, e.Score, e.Grade, e.ModelVersion, e.EvaluatedAt, e.Caps, e.Indicators);
}

/// <summary>The public's view (信用公示): the grade alone, no indicators, no ids.</summary>
public sealed record PublicGradeResponse(string SubjectCode, Grade Grade, string GradeName, string ModelVersion, DateTimeOffset EvaluatedAt);

/// <summary>GET /api/v1/evaluations/model: the version in force, with its indicators and the grade → inspection-ratio mapping.</summary>
public sealed record ModelResponse(string Version, DateTimeOffset EffectiveFrom, string? Source, int BaseScore, int MinScore, int MaxScore,
    IReadOnlyList<GradeBand> Grades, IReadOnlyList<GradeCap> Caps, IReadOnlyDictionary<Grade, double> InspectionRatios, IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<ModelVersionSummary> Versions)
{
    public static ModelResponse Of(ModelVersion v, EvaluationModel model) => new(v.Version, v.EffectiveFrom, v.Source, v.BaseScore, ModelVersion.MinScore,
        ModelVersion.MaxScore, v.Grades, v.Caps, v.InspectionRatios, v.Indicators,
        model.Versions.Select(x => new ModelVersionSummary(x.Version, x.EffectiveFrom)).ToList());
}

/// <summary>Every version of the model, so an auditor sees which was in force when.</summary>
public sealed record ModelVersionSummary(string Version, DateTimeOffset EffectiveFrom);

/// <summary>GET /api/v1/evaluations/statistics: subjects per grade (their last published evaluation), optionally of one kind and region.</summary>
public sealed record StatisticsResponse(string? Kind, string? Region, long Total, IReadOnlyDictionary<Grade, long> ByGrade,
    IReadOnlyDictionary<string, long> ByModelVersion, DateTimeOffset CountedAt);
