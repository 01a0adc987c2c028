using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Projections;
using CreditMesh.Messaging;
using Marten;
using MassTransit;
using NpgsqlTypes;

namespace CreditMesh.Ingestion.Consumers;

/// <summary>
/// Disclosures show a subject's active list entries (DESIGN §5): ingestion keeps a local projection of the
/// lists service's events, never reading its database (<see cref="RecordQueries.UpsertListEntry"/>: out-of-order
/// delivery is harmless). Claimed in the inbox with the write.
/// </summary>
public sealed class ListEntryDisclosureConsumer(IDocumentStore store)
    : IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>
{
    public Task Consume(ConsumeContext<ListEntryActivated> context) =>
        UpsertAsync(context, context.Message.ListEntryId, context.Message.ListType, context.Message.ValidUntil.ToUniversalTime(), removed: false, suspended: false);

    public Task Consume(ConsumeContext<ListEntryRemoved> context) =>
        UpsertAsync(context, context.Message.ListEntryId, null, null, removed: true, suspended: false);

    public Task Consume(ConsumeContext<ListEntrySuspended> context) =>
        UpsertAsync(context, context.Message.ListEntryId, null, null, removed: false, suspended: true);

    public Task Consume(ConsumeContext<ListEntryRestored> context) =>
        UpsertAsync(context, context.Message.ListEntryId, null, context.Message.ValidUntil.ToUniversalTime(), removed: false, suspended: false);

    private async Task UpsertAsync<T>(ConsumeContext<T> context, string id, string? listType, DateTimeOffset? validUntil, bool removed, bool suspended)
        where T : class, IIntegrationEvent
    {
        var e = context.Message;
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(e), context.CancellationToken);
        if (!await session.TryClaimAsync(context.InboxName(), e.EventId, context.CancellationToken)) return;
        session.QueueSql(RecordQueries.UpsertListEntry, id, e.SubjectCode, new SqlOperation.Typed(listType, NpgsqlDbType.Text),
            new SqlOperation.Typed(validUntil, NpgsqlDbType.TimestampTz), removed, e.SourceVersion, suspended);
        await session.CommitAsync(context.CancellationToken);
    }
}
