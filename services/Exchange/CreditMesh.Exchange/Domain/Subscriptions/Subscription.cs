using CreditMesh.EventSourcing;

namespace CreditMesh.Exchange.Domain.Subscriptions;

/// <summary>
/// 信息推送 (DESIGN §4.10): an approval system or unit subscribed a callback to events, optionally only for some subjects and/or
/// list types. The owner is the role and unit of the token that created it.
/// </summary>
public sealed record SubscriptionCreated(string SubscriptionId, string OwnerRole, string? OwnerUnit, string CallbackUrl, IReadOnlyList<string> Events,
    IReadOnlyList<string>? SubjectCodes, IReadOnlyList<string>? ListTypes, DateTimeOffset CreatedAt);

/// <summary>The owner cancelled the subscription: nothing more is delivered; its log stays.</summary>
public sealed record SubscriptionCancelled(string SubscriptionId, DateTimeOffset CancelledAt);

public enum SubscriptionStatus { Active, Cancelled }

/// <summary>A subscription folded from its stream.</summary>
public sealed record Subscription(string SubscriptionId, string OwnerRole, string? OwnerUnit, string CallbackUrl, IReadOnlyList<string> Events,
    IReadOnlyList<string>? SubjectCodes, IReadOnlyList<string>? ListTypes, DateTimeOffset CreatedAt, SubscriptionStatus Status,
    DateTimeOffset? CancelledAt) : IAggregate<Subscription>
{
    public static string StreamId(string subscriptionId) => $"subscription-{subscriptionId}";

    public static Subscription Create(object firstEvent) => firstEvent is SubscriptionCreated e
        ? new(e.SubscriptionId, e.OwnerRole, e.OwnerUnit, e.CallbackUrl, e.Events, e.SubjectCodes, e.ListTypes, e.CreatedAt, SubscriptionStatus.Active, null)
        : throw new InvalidOperationException($"A subscription stream cannot start with {firstEvent.GetType().Name}.");

    public Subscription Apply(object @event) => @event is SubscriptionCancelled e
        ? this with { Status = SubscriptionStatus.Cancelled, CancelledAt = e.CancelledAt }
        : this;

    /// <summary>"Own subscriptions" (DESIGN §5.2): the same role and unit as the token that created it.</summary>
    public bool IsOwnedBy(string? role, string? unit) => role == OwnerRole && unit == OwnerUnit;

    /// <summary>Cancelling twice is the same as once.</summary>
    public static Decision Cancel(Subscription current, DateTimeOffset at) =>
        current.Status == SubscriptionStatus.Cancelled ? new Decision.Unchanged() : Decision.Of(new SubscriptionCancelled(current.SubscriptionId, at));
}
