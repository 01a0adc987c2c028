using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.Evaluation.Domain.Scoring;

/// <summary>What an indicator's points stand on: a record, a list entry or a repair; disputed when an objection is open on it.</summary>
public sealed record BasisItem(string Kind, string Id, bool? Disputed = null);

/// <summary>One indicator's share of the score: how many items it counted, the points they gave (within its cap), and which items.</summary>
public sealed record IndicatorResult(string Code, string Name, Dimension Dimension, int Points, int Count, IReadOnlyList<BasisItem> Basis);

/// <summary>
/// A subject's evaluation at an instant under the model version in force then (DESIGN §4.7): the score (base plus every
/// indicator's points, within 0–1000), the grade by the thresholds bounded by the caps in force, and the explanation.
/// </summary>
public sealed record SubjectEvaluation(string SubjectCode, int Score, Grade Grade, string ModelVersion, DateTimeOffset EvaluatedAt,
    IReadOnlyList<string> Caps, IReadOnlyList<IndicatorResult> Indicators)
{
    /// <summary>Whether this differs from what was published last (score, grade, model version or caps): a new EvaluationChanged.</summary>
    public bool DiffersFrom(int score, Grade grade, string modelVersion, IReadOnlyList<string> caps) =>
        score != Score || grade != Grade || modelVersion != ModelVersion || !caps.SequenceEqual(Caps);
}
