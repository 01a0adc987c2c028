using CreditMesh.Exchange.Domain.Receipts;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Domain.Subscriptions;
using CreditMesh.Messaging;
using JasperFx.Events;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// What exchange tells other services (published by the outbox relay): every version of every item stream is one
/// ExchangeFeedItemAdded, so the registry's archive shows what was shared and when sharing stopped (停止共享), with no holes (ADR 0005).
/// Subscriptions and receipts concern no subject and are not published.
/// </summary>
public sealed class ExchangeEventMapper : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> Unpublished { get; } = [typeof(FeedAcknowledged), typeof(SubscriptionCreated), typeof(SubscriptionCancelled)];

    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        Contracts.IIntegrationEvent? mapped = stored.Data switch
        {
            ItemShared s => new Contracts.ExchangeFeedItemAdded(id, at, s.SubjectCode, stream, version, correlation, actor, s.Sequence, s.Type.ToString(),
                s.Kind.ToString(), s.SourceId),
            ItemWithdrawn w => new Contracts.ExchangeFeedItemAdded(id, at, w.SubjectCode, stream, version, correlation, actor, w.Sequence,
                nameof(FeedItemType.Withdrawn), w.Kind.ToString(), w.SourceId, w.Reason.ToString()),
            _ => null,
        };
        if (mapped is not null) yield return mapped;
    }
}
