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
/// event; every replica then reads the change from the log). An envelope is written in one transaction with its inbox
/// claims; out-of-order and stale versions are handled by the fold (ListEntryFold).
/// </summary>
public sealed class ListEntryConsumer(IDocumentStore store) :
    IConsumer<EventBatch<ListEntryProposed>>, IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>,
    IConsumer<EventBatch<ListEntrySuspended>>, IConsumer<EventBatch<ListEntryRestored>>
{
    public Task Consume(ConsumeContext<EventBatch<ListEntryProposed>> context) => StoreAsync(context, e =>
        new ListEntryChange(e.ListEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, EntryStatus.Proposed, ParseList(e.ListType), e.DeterminedBy, null,
            e.ValidUntil));

    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> context) => StoreAsync(context, e =>
        new ListEntryChange(e.ListEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, EntryStatus.Active, ParseList(e.ListType), e.DeterminedBy,
            e.ValidFrom, e.ValidUntil));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> context) => StoreAsync(context, e => Status(e, e.ListEntryId, EntryStatus.Removed));

    public Task Consume(ConsumeContext<EventBatch<ListEntrySuspended>> context) => StoreAsync(context, e => Status(e, e.ListEntryId, EntryStatus.Suspended));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRestored>> context) =>
        StoreAsync(context, e => Status(e, e.ListEntryId, EntryStatus.Active) with { ValidUntil = e.ValidUntil });

    private static ListEntryChange Status(IIntegrationEvent e, string listEntryId, EntryStatus status) =>
        new(listEntryId, e.SubjectCode, e.SourceVersion, e.OccurredAt, status);

    /// <summary>An unknown list type is kept unknown (never hits) rather than failing the message forever.</summary>
    private static ListType? ParseList(string listType) => Enum.TryParse<ListType>(listType, out var t) ? t : null;

    private async Task StoreAsync<T>(ConsumeContext<EventBatch<T>> context, Func<T, ListEntryChange> change) where T : class, IIntegrationEvent
    {
        var ct = context.CancellationToken;
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(context.Message.Events), ct);
        var changes = (await session.ClaimNewAsync(context, context.Message.Events)).Select(change).ToList();
        if (changes.Count == 0) return;
        await ListIndexWriter.WriteAsync(await SessionConnection.OfAsync(session, ct), changes, ct);
        await session.CommitAsync(ct);
    }
}
