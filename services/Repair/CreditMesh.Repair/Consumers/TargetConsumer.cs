using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Targets;
using CreditMesh.Repair.Projections;
using CreditMesh.Calendar;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Repair.Consumers;

/// <summary>
/// Keeps repair's view of records and list entries from ingestion's and lists' events (repair never reads their
/// databases). An envelope of events is recorded in one transaction and one statement, each event with its inbox claim, so
/// a redelivery does nothing; order inside an envelope does not matter: facts merge by facts_version.
/// </summary>
public sealed class TargetConsumer(IDocumentStore store) :
    IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>, IConsumer<EventBatch<CreditRecordRevoked>>,
    IConsumer<EventBatch<CreditRecordDisclosureEnded>>, IConsumer<EventBatch<ListEntryProposed>>, IConsumer<EventBatch<ListEntryActivated>>,
    IConsumer<EventBatch<ListEntryRemoved>>, IConsumer<EventBatch<ListEntrySuspended>>, IConsumer<EventBatch<ListEntryRestored>>
{
    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => Record(c, m => new(TargetKind.Record, m.RecordId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Active, m.SourceUnit, m.Category, m.Severity, m.PublicityMinUntil, m.PublicityRuleVersion));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => Record(c, m => new(TargetKind.Record, m.RecordId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Active, m.SourceUnit, m.Category, m.Severity, m.PublicityMinUntil, m.PublicityRuleVersion));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) => Record(c, m => new(TargetKind.Record, m.RecordId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Ended, EndedBecause: $"revoked: {m.Reason}"));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) => Record(c, m => new(TargetKind.Record, m.RecordId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Ended, EndedBecause: $"disclosure ended: {m.Reason}"));

    public Task Consume(ConsumeContext<EventBatch<ListEntryProposed>> c) => Record(c, m => new(TargetKind.ListEntry, m.ListEntryId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Pending, m.DeterminedBy, m.ListType));

    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> c) => Record(c, m => new(TargetKind.ListEntry, m.ListEntryId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Active, m.DeterminedBy, m.ListType, ValidFrom: ChinaTime.DayOf(m.ValidFrom)));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> c) => Record(c, m => new(TargetKind.ListEntry, m.ListEntryId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Ended, EndedBecause: $"removed: {m.Reason}"));

    // Suspension and restoration concern red-list entries only (一票否决), which are not repaired: noted, nothing changes.
    public Task Consume(ConsumeContext<EventBatch<ListEntrySuspended>> c) => Record(c, m => new(TargetKind.ListEntry, m.ListEntryId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Active));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRestored>> c) => Record(c, m => new(TargetKind.ListEntry, m.ListEntryId, m.SubjectCode,
        m.SourceVersion, TargetStatus.Active));

    private async Task Record<T>(ConsumeContext<EventBatch<T>> context, Func<T, TargetFacts> facts) where T : class, IIntegrationEvent
    {
        var ct = context.CancellationToken;
        await using var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct);
        var fresh = await session.ClaimNewAsync(context, context.Message.Events);
        await TargetDirectory.RecordAllAsync(await SessionConnection.OfAsync(session, ct), [.. fresh.Select(facts)], ct);
        await session.CommitAsync(ct);
    }
}

