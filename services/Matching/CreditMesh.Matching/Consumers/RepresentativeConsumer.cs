using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Index;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Matching.Consumers;

/// <summary>
/// Learns organisations' legal representatives for association (关联): from the registry, and from credit records
/// when the registry has none yet. Events without a representative change nothing.
/// </summary>
public sealed class RepresentativeConsumer(IDocumentStore store) :
    IConsumer<SubjectRegistered>, IConsumer<SubjectUpdated>, IConsumer<CreditRecordAccepted>
{
    public Task Consume(ConsumeContext<SubjectRegistered> context) =>
        StoreAsync(context, context.Message, context.Message.LegalRepresentativeIdNumber, fromRegistry: true);

    public Task Consume(ConsumeContext<SubjectUpdated> context) =>
        StoreAsync(context, context.Message, context.Message.LegalRepresentativeIdNumber, fromRegistry: true);

    public Task Consume(ConsumeContext<CreditRecordAccepted> context) =>
        StoreAsync(context, context.Message, context.Message.LegalRepresentativeIdNumber, fromRegistry: false);

    private async Task StoreAsync<T>(ConsumeContext<T> context, IIntegrationEvent e, string? idNumber, bool fromRegistry) where T : class
    {
        if (string.IsNullOrWhiteSpace(idNumber) || idNumber == e.SubjectCode) return;
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(e), context.CancellationToken);
        if (!await session.TryClaimAsync(context.InboxName(), e.EventId, context.CancellationToken)) return;
        await RepresentativeWriter.WriteAsync(await SessionConnection.OfAsync(session, context.CancellationToken), e.SubjectCode, idNumber.Trim().ToUpperInvariant(),
            fromRegistry, e.SourceVersion, e.OccurredAt, context.CancellationToken);
        await session.CommitAsync(context.CancellationToken);
    }
}
