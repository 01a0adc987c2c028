using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using Marten;
using MassTransit;

namespace CreditMesh.Messaging;

/// <summary>How consumers take envelopes (<see cref="EventBatch{T}"/>, ADR 0018).</summary>
public static class EventBatchConsuming
{
    /// <summary>For consumers whose events are rare and each decided on its own (repairs, objections, corrections): an envelope's events one after another, in its order, each with its own transaction as if it had come alone.</summary>
    public static async Task EachAsync<T>(this ConsumeContext<EventBatch<T>> context, Func<T, Task> handle) where T : class, IIntegrationEvent
    {
        foreach (var e in context.Message.Events) await handle(e);
    }

    /// <summary>
    /// Claims <paramref name="events"/> in the consumer's inbox, in the session's transaction: the ones it had not seen, each
    /// once, in their order. The session's effects for them commit with the claims or not at all.
    /// </summary>
    public static async Task<IReadOnlyList<T>> ClaimNewAsync<T>(this IDocumentSession session, ConsumeContext context, IEnumerable<T> events)
        where T : IIntegrationEvent
    {
        var arrived = events.ToList();
        var claimed = await session.ClaimAsync(context.InboxName(), [.. arrived.Select(e => e.EventId)], context.CancellationToken);
        return [.. arrived.Where(e => claimed.Remove(e.EventId))];
    }
}
