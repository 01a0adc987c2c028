namespace CreditMesh.Contracts;

/// <summary>Who caused an event: member unit code, user and role.</summary>
public sealed record Actor(string? Unit, string? User, string? Role);

/// <summary>
/// What every integration event carries (DESIGN §5): a stable id (consumers de-duplicate on it), when it
/// happened, the credit subject it concerns, the source stream and version it was derived from (the
/// registry's archive detects gaps with these), the correlation id and the actor.
/// Contracts change additively only: new optional members, never renamed or removed ones.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
    DateTimeOffset OccurredAt { get; }
    string SubjectCode { get; }
    string SourceStream { get; }
    long SourceVersion { get; }
    string? CorrelationId { get; }
    Actor? Actor { get; }
}
