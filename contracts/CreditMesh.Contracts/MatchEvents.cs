namespace CreditMesh.Contracts;

/// <summary>查询留痕: an approval system asked which measures apply to a subject for a matter, and got this decision.</summary>
public sealed record MatchPerformed(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string MatchId, string MatterCode, string Decision, int Hits) : IIntegrationEvent;

/// <summary>The approval system reported what it applied (发起-响应-反馈).</summary>
public sealed record MatchFeedbackReceived(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string MatchId, string Outcome) : IIntegrationEvent;
