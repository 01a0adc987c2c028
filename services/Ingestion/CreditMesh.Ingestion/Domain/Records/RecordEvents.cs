using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>归集: a member unit's record was accepted, with its publicity window and whether it came late (双公示 7 working days).</summary>
public sealed record RecordAccepted(string RecordId, string SourceUnit, CreditRecord Record, string Fingerprint, bool Late,
    PublicityWindow Publicity, DateOnly ReceivedOn, DateTimeOffset AcceptedAt);
