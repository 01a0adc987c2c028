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
/// databases). Each message is claimed in the inbox in the same transaction as its effect, so a redelivery does nothing.
/// </summary>
public sealed class TargetConsumer(IDocumentStore store) :
    IConsumer<Batch<CreditRecordAccepted>>, IConsumer<CreditRecordCorrected>, IConsumer<CreditRecordRevoked>, IConsumer<CreditRecordDisclosureEnded>,
    IConsumer<ListEntryProposed>, IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>
{
    /// <summary>
    /// Accepted records come by the thousand under batch ingestion (DESIGN §6): a batch is recorded in one transaction,
    /// each message with its inbox claim. Order inside a batch does not matter: facts merge by facts_version.
    /// </summary>
    public async Task Consume(ConsumeContext<Batch<CreditRecordAccepted>> c)
    {
        var ct = c.CancellationToken;
        await using var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct);
        var messages = c.Message.Select(b => b.Message).DistinctBy(m => m.EventId).ToList();
        var claimed = await session.ClaimAsync(c.InboxName(), messages.Select(m => m.EventId).ToList(), ct);
        var context = await SessionConnection.OfAsync(session, ct);
        foreach (var m in messages.Where(m => claimed.Contains(m.EventId)))
            await TargetDirectory.RecordAsync(context, new(TargetKind.Record, m.RecordId, m.SubjectCode, m.SourceVersion, TargetStatus.Active,
                m.SourceUnit, m.Category, m.Severity, m.PublicityMinUntil, m.PublicityRuleVersion), ct);
        await session.CommitAsync(ct);
    }

    public Task Consume(ConsumeContext<CreditRecordCorrected> c) => Record(c, new(TargetKind.Record, c.Message.RecordId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active, c.Message.SourceUnit, c.Message.Category, c.Message.Severity,
        c.Message.PublicityMinUntil, c.Message.PublicityRuleVersion));

    public Task Consume(ConsumeContext<CreditRecordRevoked> c) => Record(c, new(TargetKind.Record, c.Message.RecordId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Ended, EndedBecause: $"revoked: {c.Message.Reason}"));

    public Task Consume(ConsumeContext<CreditRecordDisclosureEnded> c) => Record(c, new(TargetKind.Record, c.Message.RecordId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Ended, EndedBecause: $"disclosure ended: {c.Message.Reason}"));

    public Task Consume(ConsumeContext<ListEntryProposed> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Pending, c.Message.DeterminedBy, c.Message.ListType));

    public Task Consume(ConsumeContext<ListEntryActivated> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active, c.Message.DeterminedBy, c.Message.ListType,
        ValidFrom: ChinaTime.DayOf(c.Message.ValidFrom)));

    public Task Consume(ConsumeContext<ListEntryRemoved> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Ended, EndedBecause: $"removed: {c.Message.Reason}"));

    // Suspension and restoration concern red-list entries only (一票否决), which are not repaired: noted, nothing changes.
    public Task Consume(ConsumeContext<ListEntrySuspended> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active));

    public Task Consume(ConsumeContext<ListEntryRestored> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active));

    private async Task Record<T>(ConsumeContext<T> context, TargetFacts facts) where T : class, IIntegrationEvent
    {
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(context.Message), context.CancellationToken);
        if (!await session.TryClaimAsync(context.InboxName(), context.Message.EventId, context.CancellationToken)) return;
        await TargetDirectory.RecordAsync(await SessionConnection.OfAsync(session, context.CancellationToken), facts, context.CancellationToken);
        await session.CommitAsync(context.CancellationToken);
    }
}

/// <summary>
/// Batches of accepted records: up to 100, or what came within 10 ms (kept short: a subject may apply for repair or
/// object right after its record is accepted, and repair must know the record by then); prefetch holds two full batches.
/// </summary>
public sealed class TargetConsumerDefinition : ConsumerDefinition<TargetConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TargetConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, 200);
        consumerConfigurator.Options<BatchOptions>(b => b.SetMessageLimit(100).SetTimeLimit(TimeSpan.FromMilliseconds(10)));
    }
}
