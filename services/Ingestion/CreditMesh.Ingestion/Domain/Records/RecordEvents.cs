using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>归集: a member unit's record was accepted, with its publicity window and whether it came late (双公示 7 working days).</summary>
public sealed record RecordAccepted(string RecordId, string SourceUnit, CreditRecord Record, string Fingerprint, bool Late,
    PublicityWindow Publicity, DateOnly ReceivedOn, DateTimeOffset AcceptedAt);

/// <summary>The source unit corrected its record: the new content replaces the old, with the reason (更正).</summary>
public sealed record RecordCorrected(string RecordId, CreditRecord Record, string Fingerprint, PublicityWindow Publicity, string Reason,
    DateTimeOffset CorrectedAt);

/// <summary>
/// The decision was withdrawn (reconsideration, court): the record stops counting and is no longer disclosed (撤销).
/// <paramref name="ObjectionId"/> names the upheld objection that revoked it, if that is how it went.
/// </summary>
public sealed record RecordRevoked(string RecordId, string SubjectCode, string Reason, DateTimeOffset RevokedAt, string? ObjectionId = null);

/// <summary>终止公示: the record is no longer disclosed — its publicity window ended, or a repair was approved.</summary>
public sealed record RecordDisclosureEnded(string RecordId, string SubjectCode, string Reason, DateTimeOffset EndedAt);
