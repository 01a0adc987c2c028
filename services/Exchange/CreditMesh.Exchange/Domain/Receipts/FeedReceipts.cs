using CreditMesh.EventSourcing;

namespace CreditMesh.Exchange.Domain.Receipts;

/// <summary>The national client (a unit with the exchange role) stored every feed item up to <paramref name="UpTo"/> (回执).</summary>
public sealed record FeedAcknowledged(string Unit, long UpTo, DateTimeOffset AcknowledgedAt);

/// <summary>One exchange client's acknowledged position, folded from its receipts stream. Acknowledging never goes backwards.</summary>
public sealed record FeedReceipts(string Unit, long UpTo, DateTimeOffset At) : IAggregate<FeedReceipts>
{
    public static string StreamId(string unit) => $"exchange-receipts-{unit}";

    public static FeedReceipts Create(object firstEvent) => firstEvent is FeedAcknowledged e
        ? new(e.Unit, e.UpTo, e.AcknowledgedAt)
        : throw new InvalidOperationException($"A receipts stream cannot start with {firstEvent.GetType().Name}.");

    public FeedReceipts Apply(object @event) => @event is FeedAcknowledged e ? this with { UpTo = Math.Max(UpTo, e.UpTo), At = e.AcknowledgedAt } : this;

    /// <summary>A receipt up to a position past the head is refused; one at or below what is acknowledged changes nothing.</summary>
    public static Decision Acknowledge(FeedReceipts? current, string unit, long upTo, long head, DateTimeOffset at) =>
        upTo < 0 ? Decision.Invalid("upTo", "upTo must be a feed sequence, 0 or more.")
        : upTo > head ? Decision.Invalid("upTo", $"upTo {upTo} is beyond the feed's head {head}: acknowledge only items you have read.")
        : upTo <= (current?.UpTo ?? 0) ? new Decision.Unchanged()
        : Decision.Of(new FeedAcknowledged(unit, upTo, at));
}
