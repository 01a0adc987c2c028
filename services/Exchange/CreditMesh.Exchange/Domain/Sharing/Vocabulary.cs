namespace CreditMesh.Exchange.Domain.Sharing;

/// <summary>What an item of the outgoing feed is about: a credit record (双公示 and other categories) or a list entry (名单).</summary>
public enum ItemKind { Record, ListEntry }

/// <summary>The feed's item types (DESIGN §5.2).</summary>
public enum FeedItemType { RecordDisclosed, ListEntryActivated, Withdrawn }

/// <summary>停止共享: why an item stopped being shareable (DESIGN §4.10).</summary>
public enum WithdrawalReason { Repaired, Revoked, Expired, ObjectionUpheld }

/// <summary>What the feed has said of an item so far: nothing, that it is shared, or that sharing stopped (for good).</summary>
public enum SharingStatus { NotShared, Shared, Withdrawn }

/// <summary>The events a push subscription may ask for (DESIGN §4.10), as the API and delivery bodies spell them.</summary>
public static class PushEvents
{
    public const string ListEntryActivated = "ListEntryActivated";
    public const string ListEntryRemoved = "ListEntryRemoved";
    public const string EvaluationChanged = "EvaluationChanged";
    public const string RecordDisclosed = "RecordDisclosed";
    public const string RecordWithdrawn = "RecordWithdrawn";

    public static readonly IReadOnlyList<string> All = [ListEntryActivated, ListEntryRemoved, EvaluationChanged, RecordDisclosed, RecordWithdrawn];
}
