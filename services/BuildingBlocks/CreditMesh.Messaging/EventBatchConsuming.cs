using CreditMesh.Contracts;
using MassTransit;

namespace CreditMesh.Messaging;

/// <summary>For consumers whose events are rare and each decided on its own (repairs, objections, corrections): an envelope's events one after another, in its order, each with its own transaction as if it had come alone.</summary>
public static class EventBatchConsuming
{
    public static async Task EachAsync<T>(this ConsumeContext<EventBatch<T>> context, Func<T, Task> handle) where T : class, IIntegrationEvent
    {
        foreach (var e in context.Message.Events) await handle(e);
    }
}
