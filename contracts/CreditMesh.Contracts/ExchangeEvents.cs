namespace CreditMesh.Contracts;

/// <summary>
/// 报送/共享 and 停止共享 (DESIGN §4.10): the exchange service put an item into the outgoing feed to the national platform, as
/// <paramref name="Type"/> RecordDisclosed, ListEntryActivated or Withdrawn (then with <paramref name="Reason"/> Repaired, Revoked,
/// Expired or ObjectionUpheld), at feed position <paramref name="Sequence"/>. <paramref name="SourceKind"/> (Record or ListEntry) and
/// <paramref name="SourceId"/> name what was shared. The registry archives it, so a subject's history shows what was shared and when
/// sharing stopped.
/// </summary>
public sealed record ExchangeFeedItemAdded(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, long Sequence, string Type, string SourceKind, string SourceId, string? Reason = null) : IIntegrationEvent;
