namespace CreditMesh.Contracts;

/// <summary>
/// 公共信用综合评价 (DESIGN §4.7): a subject's score or grade changed under the evaluation model in force. Published by the
/// evaluation service from its per-subject evaluation stream; the registry archives it, matching shows the grade in every
/// answer, reports print it and push subscribers may receive it. <paramref name="Caps"/> names the caps that bound the grade
/// (BlackListed, KeyAttention); <paramref name="PreviousGrade"/> is null for a subject's first evaluation.
/// </summary>
public sealed record EvaluationChanged(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, int Score, string Grade, string ModelVersion, IReadOnlyList<string> Caps,
    int? PreviousScore = null, string? PreviousGrade = null) : IIntegrationEvent;
