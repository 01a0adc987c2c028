namespace CreditMesh.Exchange.Domain.Sharing;

/// <summary>Stream ids of exchange's item streams: what the feed said of one record or list entry, in order.</summary>
public static class ItemStreams
{
    public static string Of(ItemKind kind, string sourceId) => kind == ItemKind.Record ? $"exchange-record-{sourceId}" : $"exchange-entry-{sourceId}";
}

/// <summary>报送/共享: the item entered the feed at <paramref name="Sequence"/> as RecordDisclosed or ListEntryActivated.</summary>
public sealed record ItemShared(ItemKind Kind, string SourceId, string SubjectCode, long Sequence, FeedItemType Type, DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, object?> Payload);

/// <summary>停止共享: the feed withdrew the item at <paramref name="Sequence"/>, for <paramref name="Reason"/>.</summary>
public sealed record ItemWithdrawn(ItemKind Kind, string SourceId, string SubjectCode, long Sequence, WithdrawalReason Reason, DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, object?> Payload);

/// <summary>The aggregate type of item streams (their history is read through StreamHistory; nothing is decided on it).</summary>
public sealed class ExchangeItem;
