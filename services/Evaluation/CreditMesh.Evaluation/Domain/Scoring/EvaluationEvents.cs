using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.Evaluation.Domain.Scoring;

/// <summary>An indicator's points in a stored evaluation (the ids behind them are in the facts stream as of the same instant).</summary>
public sealed record IndicatorPoints(string Code, int Points, int Count);

/// <summary>
/// The subject's score, grade, model version or caps changed (stream "evaluation-{code}"); published as EvaluationChanged, one
/// integration event per stream version.
/// </summary>
public sealed record SubjectEvaluated(string SubjectCode, int Score, string Grade, string ModelVersion, IReadOnlyList<string> Caps, int? PreviousScore,
    string? PreviousGrade, DateTimeOffset EvaluatedAt, IReadOnlyList<IndicatorPoints> Indicators);

/// <summary>The evaluation last published for a subject, and the version of its evaluation stream.</summary>
public sealed record PublishedEvaluation(string SubjectCode, int Score, Grade Grade, string ModelVersion, IReadOnlyList<string> Caps, long Version);

public static class EvaluationDecider
{
    /// <summary>A new SubjectEvaluated when the evaluation differs from what was published last (or nothing was yet); otherwise none.</summary>
    public static SubjectEvaluated? Publish(PublishedEvaluation? last, SubjectEvaluation now) =>
        last is not null && !now.DiffersFrom(last.Score, last.Grade, last.ModelVersion, last.Caps)
            ? null
            : new SubjectEvaluated(now.SubjectCode, now.Score, now.Grade.ToString(), now.ModelVersion, now.Caps, last?.Score, last?.Grade.ToString(),
                now.EvaluatedAt, now.Indicators.Select(i => new IndicatorPoints(i.Code, i.Points, i.Count)).ToList());
}
