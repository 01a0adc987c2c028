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
/// delivery is harmless). An envelope is written in one transaction with its inbox claims.
/// </summary>
public sealed class ListEntryDisclosureConsumer(IDocumentStore store)
    : IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>, IConsumer<EventBatch<ListEntrySuspended>>,
        IConsumer<EventBatch<ListEntryRestored>>
{
    private sealed record Upsert(string Id, string? ListType, DateTimeOffset? ValidUntil, bool Removed, bool Suspended);

    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> context) =>
        UpsertAsync(context, e => new(e.ListEntryId, e.ListType, e.ValidUntil.ToUniversalTime(), Removed: false, Suspended: false));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> context) =>
        UpsertAsync(context, e => new(e.ListEntryId, null, null, Removed: true, Suspended: false));

    public Task Consume(ConsumeContext<EventBatch<ListEntrySuspended>> context) =>
        UpsertAsync(context, e => new(e.ListEntryId, null, null, Removed: false, Suspended: true));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRestored>> context) =>
        UpsertAsync(context, e => new(e.ListEntryId, null, e.ValidUntil.ToUniversalTime(), Removed: false, Suspended: false));

    private async Task UpsertAsync<T>(ConsumeContext<EventBatch<T>> context, Func<T, Upsert> upsert) where T : class, IIntegrationEvent
    {
        var ct = context.CancellationToken;
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(context.Message.Events), ct);
        foreach (var e in await session.ClaimNewAsync(context, context.Message.Events))
        {
            var (id, listType, validUntil, removed, suspended) = upsert(e);
            session.QueueSql(RecordQueries.UpsertListEntry, id, e.SubjectCode, new SqlOperation.Typed(listType, NpgsqlDbType.Text),
                new SqlOperation.Typed(validUntil, NpgsqlDbType.TimestampTz), removed, e.SourceVersion, suspended);
        }
        await session.CommitAsync(ct);
    }
}
