using CreditMesh.Exchange.Domain.Codes;

namespace CreditMesh.Exchange.Domain.Sharing;

/// <summary>
/// Pure decisions on one item (报送/共享, 停止共享, DESIGN §4.10): an item is shared while it has content, no ending, is disclosable
/// and its window is open; the feed announces it once (again after a correction), and withdraws it once, with the reason of its
/// ending, or Expired when its window closed with no event about it (the instant of the window's end is the withdrawal's time).
/// </summary>
public static class SharingDecider
{
    public static (SharedItem Item, IReadOnlyList<ItemChange> Changes) Learn(SharedItem? current, ItemFact fact, DateTimeOffset now) =>
        Settle(Merge(current ?? SharedItem.New(fact.Kind, fact.SourceId, fact.SubjectCode), fact), now);

    /// <summary>What the clock alone changes: a shared item whose window has closed is withdrawn as Expired.</summary>
    public static (SharedItem Item, IReadOnlyList<ItemChange> Changes) Expire(SharedItem item, DateTimeOffset now) => Settle(item, now);

    private static SharedItem Merge(SharedItem item, ItemFact fact) => fact switch
    {
        { Content: { } content } when item.Content is null || content.Version > item.Content.Version => item with { Content = content },
        { Ending: { } ending } when item.Ending is null => item with { Ending = ending },
        _ => item,
    };

    private static (SharedItem, IReadOnlyList<ItemChange>) Settle(SharedItem item, DateTimeOffset now)
    {
        if (item.Status == SharingStatus.Withdrawn || item.Content is not { } content) return (item, []);
        if (item.Ending is null && content.Disclosable && content.ShareableUntil > now)
            return item.Status == SharingStatus.Shared && item.SharedContentVersion >= content.Version
                ? (item, [])
                : (item with { Status = SharingStatus.Shared, SharedContentVersion = content.Version }, [Announce(item, content)]);
        if (item.Status == SharingStatus.NotShared) return (item, []); // never shared: nothing to take back
        var (reason, detail, at) = item.Ending is { } ending ? (ending.Reason, ending.Detail, ending.At)
            : content.ShareableUntil <= now ? (WithdrawalReason.Expired, nameof(WithdrawalReason.Expired), content.ShareableUntil)
            : (WithdrawalReason.Revoked, "NoLongerDisclosed", now); // a correction made it undisclosed
        return (item with { Status = SharingStatus.Withdrawn }, [Withdraw(item, content, reason, detail, at)]);
    }

    private static ItemChange Announce(SharedItem item, ItemContent content) => item.Kind == ItemKind.Record
        ? new(FeedItemType.RecordDisclosed, null, content.At, content.Payload, true, PushEvents.RecordDisclosed, content.Data, null)
        : new(FeedItemType.ListEntryActivated, null, content.At, content.Payload, !content.National, PushEvents.ListEntryActivated, content.Data,
            content.Category);

    private static ItemChange Withdraw(SharedItem item, ItemContent content, WithdrawalReason reason, string detail, DateTimeOffset at)
    {
        var payload = NationalCodes.Withdrawal(content.Payload, reason, at);
        var data = new Dictionary<string, object?>
        {
            [item.Kind == ItemKind.Record ? "recordId" : "listEntryId"] = item.SourceId,
            [item.Kind == ItemKind.Record ? "category" : "listType"] = content.Category,
            // A removed entry keeps the lists' own reason (Expired, Repaired, BasisRevoked, ObjectionUpheld, Withdrawn) for subscribers.
            ["reason"] = item.Kind == ItemKind.Record ? reason.ToString() : detail,
        };
        return item.Kind == ItemKind.Record
            ? new(FeedItemType.Withdrawn, reason, at, payload, true, PushEvents.RecordWithdrawn, data, null)
            : new(FeedItemType.Withdrawn, reason, at, payload, !content.National, PushEvents.ListEntryRemoved, data, content.Category);
    }
}
