namespace CreditMesh.EventSourcing;

/// <summary>One committed event as read back from the store, with its position and hash.</summary>
public sealed record StoredEvent(
    long Seq,
    Guid Id,
    string StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset CreatedAt,
    ulong TxId,
    byte[] Hash);

/// <summary>The data of an event whose type this process does not know (kept as JSON).</summary>
public sealed record UnknownEvent(string Type, string Json);

/// <summary>A stream's row: its aggregate type, current version and whether it is archived.</summary>
public sealed record StreamState(string Id, string Type, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Archived);
