using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Targets;
using CreditMesh.Repair.Projections;
using MassTransit;

namespace CreditMesh.Repair.Consumers;

/// <summary>
/// Keeps repair's view of records and list entries from ingestion's and lists' events (repair never reads their
/// databases). Each message is claimed in the inbox in the same transaction as its effect, so a redelivery does nothing.
/// </summary>
public sealed class TargetConsumer(EventStore store) :
    IConsumer<CreditRecordAccepted>, IConsumer<CreditRecordCorrected>, IConsumer<CreditRecordRevoked>, IConsumer<CreditRecordDisclosureEnded>,
    IConsumer<ListEntryProposed>, IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>
{
    /// <summary>List entries' ValidFrom is an instant; repair periods count calendar days in China Standard Time.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public Task Consume(ConsumeContext<CreditRecordAccepted> c) => Record(c, new(TargetKind.Record, c.Message.RecordId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active, c.Message.SourceUnit, c.Message.Category, c.Message.Severity,
        c.Message.PublicityMinUntil, c.Message.PublicityRuleVersion));

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
        ValidFrom: DateOnly.FromDateTime(c.Message.ValidFrom.ToOffset(ChinaStandardTime).DateTime)));

    public Task Consume(ConsumeContext<ListEntryRemoved> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Ended, EndedBecause: $"removed: {c.Message.Reason}"));

    // Suspension and restoration concern red-list entries only (一票否决), which are not repaired: noted, nothing changes.
    public Task Consume(ConsumeContext<ListEntrySuspended> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active));

    public Task Consume(ConsumeContext<ListEntryRestored> c) => Record(c, new(TargetKind.ListEntry, c.Message.ListEntryId, c.Message.SubjectCode,
        c.Message.SourceVersion, TargetStatus.Active));

    private async Task Record<T>(ConsumeContext<T> context, TargetFacts facts) where T : class, IIntegrationEvent
    {
        await using var session = store.OpenSession();
        if (!await session.TryClaimInboxAsync(nameof(TargetConsumer), context.Message.EventId, context.CancellationToken)) return;
        await TargetDirectory.RecordAsync(await session.GetContextAsync(context.CancellationToken), facts, context.CancellationToken);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
