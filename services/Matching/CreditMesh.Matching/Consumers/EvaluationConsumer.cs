using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Index;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Matching.Consumers;

/// <summary>
/// Keeps matching's copy of each subject's grade from the evaluation service's EvaluationChanged (competing consumer; every
/// replica reads the change from the index log). A batch is stored in one transaction with its inbox claims.
/// </summary>
public sealed class EvaluationConsumer(IDocumentStore store) : IConsumer<EventBatch<EvaluationChanged>>
{
    public async Task Consume(ConsumeContext<EventBatch<EvaluationChanged>> context)
    {
        var ct = context.CancellationToken;
        await using var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct);
        var fresh = await session.ClaimNewAsync(context, context.Message.Events);
        await EvaluationWriter.WriteAsync(await SessionConnection.OfAsync(session, ct), fresh, ct);
        await session.CommitAsync(ct);
    }
}
