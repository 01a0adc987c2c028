using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Index;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Matching.Consumers;

/// <summary>
/// Learns organisations' legal representatives for association (关联): from the registry, and from credit records
/// when the registry has none yet. Events without a representative change nothing; the others of an envelope are
/// written in one transaction with their inbox claims.
/// </summary>
public sealed class RepresentativeConsumer(IDocumentStore store) :
    IConsumer<EventBatch<SubjectRegistered>>, IConsumer<EventBatch<SubjectUpdated>>, IConsumer<EventBatch<CreditRecordAccepted>>
{
    public Task Consume(ConsumeContext<EventBatch<SubjectRegistered>> context) =>
        StoreAsync(context, e => e.LegalRepresentativeIdNumber, fromRegistry: true);

    public Task Consume(ConsumeContext<EventBatch<SubjectUpdated>> context) =>
        StoreAsync(context, e => e.LegalRepresentativeIdNumber, fromRegistry: true);

    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> context) =>
        StoreAsync(context, e => e.LegalRepresentativeIdNumber, fromRegistry: false);

    private async Task StoreAsync<T>(ConsumeContext<EventBatch<T>> context, Func<T, string?> idNumberOf, bool fromRegistry) where T : class, IIntegrationEvent
    {
        var ct = context.CancellationToken;
        var known = context.Message.Events.Where(e => idNumberOf(e) is { } id && !string.IsNullOrWhiteSpace(id) && id != e.SubjectCode).ToList();
        if (known.Count == 0) return;
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(known), ct);
        var fresh = await session.ClaimNewAsync(context, known);
        var connection = await SessionConnection.OfAsync(session, ct);
        foreach (var e in fresh)
            await RepresentativeWriter.WriteAsync(connection, e.SubjectCode, idNumberOf(e)!.Trim().ToUpperInvariant(), fromRegistry, e.SourceVersion, e.OccurredAt, ct);
        await session.CommitAsync(ct);
    }
}
