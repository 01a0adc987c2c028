namespace CreditMesh.Exchange.Domain.Sharing;

/// <summary>
/// What exchange knows of one record or list entry, from the owning services' events (never from their databases), and what
/// the feed has said of it. Events may arrive twice or out of order: content from a higher source version replaces older
/// content, the first ending (revocation, repair, removal) is final, and a withdrawn item is never shared again.
/// </summary>
public sealed record SharedItem(ItemKind Kind, string SourceId, string SubjectCode, ItemContent? Content, ItemEnding? Ending,
    SharingStatus Status, long SharedContentVersion)
{
    public static SharedItem New(ItemKind kind, string sourceId, string subjectCode) =>
        new(kind, sourceId, subjectCode, null, null, SharingStatus.NotShared, 0);

    /// <summary>Until when the feed holds it as shared: the instant its expiry is due (null when it is not shared).</summary>
    public DateTimeOffset? SharedUntil => Status == SharingStatus.Shared ? Content?.ShareableUntil : null;
}

/// <summary>
/// The content a source event gave: its source version and time, the record category or list type, whether it may be shared
/// at all (a record's disclosure flag) and until when (the end of the publicity window or of the entry's validity), whether it
/// came from a national list (never sent back to the nation, but pushed), the national-code payload and the push data.
/// </summary>
public sealed record ItemContent(long Version, DateTimeOffset At, string Category, bool Disclosable, DateTimeOffset ShareableUntil, bool National,
    IReadOnlyDictionary<string, object?> Payload, IReadOnlyDictionary<string, object?> Data);

/// <summary>A source event that ends sharing for good, with the feed's reason and the source's own wording (the push's reason).</summary>
public sealed record ItemEnding(long Version, DateTimeOffset At, WithdrawalReason Reason, string Detail);

/// <summary>One source event about an item: new content or an ending.</summary>
public sealed record ItemFact(ItemKind Kind, string SourceId, string SubjectCode, ItemContent? Content = null, ItemEnding? Ending = null);

/// <summary>
/// What the feed and push subscribers are told: a feed item (unless <see cref="ToFeed"/> is false: an entry from a national list
/// is not reported back) and the push event with its data.
/// </summary>
public sealed record ItemChange(FeedItemType Type, WithdrawalReason? Reason, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, object?> Payload,
    bool ToFeed, string PushEvent, IReadOnlyDictionary<string, object?> PushData, string? ListType);
