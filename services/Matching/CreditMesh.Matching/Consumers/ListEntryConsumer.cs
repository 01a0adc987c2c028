using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Index;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Matching.Consumers;

/// <summary>
/// Stores the lists service's events in matching's own tables (competing consumer: one replica handles each
/// event; every replica then reads the change from the log). Idempotent through the inbox; out-of-order and stale
/// versions are handled by the fold (ListEntryFold).
/// </summary>
public sealed class ListEntryConsumer(IDocumentStore store) :
    IConsumer<ListEntryProposed>, IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>
{
    public Task Consume(ConsumeContext<ListEntryProposed> context)
    {
        var e = context.Message;
        return StoreAsync(context, e, new ListEntryChange(e.ListEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, EntryStatus.Proposed,
            ParseList(e.ListType), e.DeterminedBy, null, e.ValidUntil));
    }

    public Task Consume(ConsumeContext<ListEntryActivated> context)
    {
        var e = context.Message;
        return StoreAsync(context, e, new ListEntryChange(e.ListEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, EntryStatus.Active,
            ParseList(e.ListType), e.DeterminedBy, e.ValidFrom, e.ValidUntil));
    }

    public Task Consume(ConsumeContext<ListEntryRemoved> context) =>
        StoreAsync(context, context.Message, Status(context.Message, context.Message.ListEntryId, EntryStatus.Removed));

    public Task Consume(ConsumeContext<ListEntrySuspended> context) =>
        StoreAsync(context, context.Message, Status(context.Message, context.Message.ListEntryId, EntryStatus.Suspended));

    public Task Consume(ConsumeContext<ListEntryRestored> context) =>
        StoreAsync(context, context.Message, Status(context.Message, context.Message.ListEntryId, EntryStatus.Active) with { ValidUntil = context.Message.ValidUntil });

    private static ListEntryChange Status(IIntegrationEvent e, string listEntryId, EntryStatus status) =>
        new(listEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, status);

    /// <summary>An unknown list type is kept unknown (never hits) rather than failing the message forever.</summary>
    private static ListType? ParseList(string listType) => Enum.TryParse<ListType>(listType, out var t) ? t : null;

    private async Task StoreAsync<T>(ConsumeContext<T> context, IIntegrationEvent e, ListEntryChange change) where T : class
    {
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(e), context.CancellationToken);
        if (!await session.TryClaimAsync(context.InboxName(), e.EventId, context.CancellationToken)) return;
        await ListIndexWriter.WriteAsync(await SessionConnection.OfAsync(session, context.CancellationToken), [change], context.CancellationToken);
        await session.CommitAsync(context.CancellationToken);
    }
}
