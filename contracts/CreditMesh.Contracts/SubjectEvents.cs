namespace CreditMesh.Contracts;

/// <summary>A credit subject (主体) was registered in the registry.</summary>
public sealed record SubjectRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string Kind,
    string Name,
    string? LegalRepresentativeName = null,
    string? LegalRepresentativeIdNumber = null) : IIntegrationEvent;
