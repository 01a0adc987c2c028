using CreditMesh.Contracts;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Features;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Evaluation.Consumers;

/// <summary>
/// Keeps every subject's evaluation from the other services' events only (DESIGN §4.7): subjects, records, corrections,
/// revocations, disclosure ends, list entries, repairs and objections become facts; each batch is recorded and evaluated in one
/// transaction per request that caused it (the correlation and actor its evaluations carry), with its inbox claims.
/// </summary>
public sealed class FactsConsumer(SubjectEvaluations evaluations) :
    IConsumer<EventBatch<SubjectRegistered>>, IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>,
    IConsumer<EventBatch<CreditRecordRevoked>>, IConsumer<EventBatch<CreditRecordDisclosureEnded>>,
    IConsumer<EventBatch<ListEntryProposed>>, IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>,
    IConsumer<EventBatch<ListEntrySuspended>>, IConsumer<EventBatch<ListEntryRestored>>,
    IConsumer<EventBatch<RepairDecided>>, IConsumer<EventBatch<ObjectionOpened>>, IConsumer<EventBatch<ObjectionResolved>>
{
    // A provisional registration comes from a record, whose own event carries the subject's kind: nothing to learn from it.
    public Task Consume(ConsumeContext<EventBatch<SubjectRegistered>> c) =>
        Record(c, m => m.Provisional ? null : new SubjectNoted(m.SubjectCode, m.Kind, m.Name, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => Record(c, m => new RecordNoted(m.SubjectCode, m.RecordId, m.SourceVersion,
        m.Category, m.Severity, m.DecisionDate, m.Disclosed, m.PublicityFrom, m.PublicityMaxUntil, m.SubjectKind, m.OccurredAt));

    // A correction without its facts (older events) changes nothing evaluation can see.
    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => Record(c, m => m.Category is { } category && m.DecisionDate is { } decided
        ? new RecordNoted(m.SubjectCode, m.RecordId, m.SourceVersion, category, m.Severity, decided, m.Disclosed ?? false, m.PublicityFrom,
            m.PublicityMaxUntil, null, m.OccurredAt)
        : null);

    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) =>
        Record(c, m => new RecordEnded(m.SubjectCode, m.RecordId, $"Revoked: {m.Reason}", m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) =>
        Record(c, m => new RecordEnded(m.SubjectCode, m.RecordId, $"Disclosure ended: {m.Reason}", m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ListEntryProposed>> c) => Record(c, m =>
        new EntryNoted(m.SubjectCode, m.ListEntryId, m.SourceVersion, "Proposed", m.ListType, null, m.ValidUntil, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> c) => Record(c, m =>
        new EntryNoted(m.SubjectCode, m.ListEntryId, m.SourceVersion, EntryFact.Active, m.ListType, m.ValidFrom, m.ValidUntil, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> c) => Record(c, m =>
        new EntryNoted(m.SubjectCode, m.ListEntryId, m.SourceVersion, "Removed", null, null, null, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ListEntrySuspended>> c) => Record(c, m =>
        new EntryNoted(m.SubjectCode, m.ListEntryId, m.SourceVersion, "Suspended", null, null, null, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ListEntryRestored>> c) => Record(c, m =>
        new EntryNoted(m.SubjectCode, m.ListEntryId, m.SourceVersion, EntryFact.Active, null, null, m.ValidUntil, m.OccurredAt));

    // Only an approved repair changes an evaluation; a denial or an ineligible application leaves the target counting.
    public Task Consume(ConsumeContext<EventBatch<RepairDecided>> c) => Record(c, m => m.Approved
        ? new RepairCompleted(m.SubjectCode, m.RepairId, m.TargetKind, m.TargetId, m.OccurredAt)
        : null);

    public Task Consume(ConsumeContext<EventBatch<ObjectionOpened>> c) => Record(c, m =>
        new ObjectionNoted(m.SubjectCode, m.ObjectionId, m.TargetKind, m.TargetId, Open: true, Upheld: false, null, m.OccurredAt));

    public Task Consume(ConsumeContext<EventBatch<ObjectionResolved>> c) => Record(c, m =>
        new ObjectionNoted(m.SubjectCode, m.ObjectionId, m.TargetKind, m.TargetId, Open: false, m.Upheld, m.Action, m.OccurredAt));

    private async Task Record<T>(ConsumeContext<EventBatch<T>> context, Func<T, object?> fact) where T : class, IIntegrationEvent
    {
        var arrivals = context.Message.Events.Select(m => (Message: m, Fact: fact(m))).Where(a => a.Fact is not null).ToList();
        foreach (var request in arrivals.GroupBy(a => (a.Message.CorrelationId, a.Message.Actor)))
            await evaluations.RecordAsync([.. request.Select(a => new Arrival(a.Message.EventId, a.Message.SubjectCode, a.Fact))],
                request.Count() == 1 ? CausedBy.Metadata(request.First().Message) : CausedBy.Metadata(request.First().Message) with { CausationId = null },
                context.InboxName(), context.CancellationToken);
    }
}
