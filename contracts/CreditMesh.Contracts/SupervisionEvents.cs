namespace CreditMesh.Contracts;

/// <summary>
/// 双随机 graded sampling (DESIGN §4.7): a member unit or the credit centre drew subjects for inspection, per grade at the base ratio
/// times the grade's multiplier, with a recorded seed. Published by the evaluation service from the draw's stream
/// ("sampling-{id}"). A draw concerns many subjects and is a supervisory act, not credit information about any of them, so
/// <see cref="SubjectCode"/> is empty and the registry files it in no subject's archive (ADR 0017); the full inputs are in the
/// draw itself (GET /api/v1/supervision/samplings/{id}). <paramref name="DrawnBy"/> is the drawing unit (null for the credit centre).
/// </summary>
public sealed record SamplingDrawn(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string SamplingId, string? DrawnBy, string Purpose, string Seed, string ModelVersion, decimal BaseRatio,
    int Population, IReadOnlyList<string> SelectedSubjectCodes) : IIntegrationEvent;
