using CreditMesh.Contracts;
using MassTransit;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// Builds each subject's credit archive from every service's integration events, the registry's own
/// included. An event that arrives ahead of its predecessor waits (see <see cref="GapRefiller"/>).
/// </summary>
public sealed class ArchiveConsumer(ArchiveWriter archive) :
    IConsumer<EventBatch<SubjectRegistered>>, IConsumer<EventBatch<SubjectUpdated>>, IConsumer<EventBatch<LegacyCodeLinked>>, IConsumer<EventBatch<SubjectDeregistered>>,
    IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>, IConsumer<EventBatch<CreditRecordRevoked>>, IConsumer<EventBatch<CreditRecordDisclosureEnded>>,
    IConsumer<EventBatch<ListEntryProposed>>, IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>, IConsumer<EventBatch<ListEntrySuspended>>, IConsumer<EventBatch<ListEntryRestored>>,
    IConsumer<EventBatch<RepairApplied>>, IConsumer<EventBatch<RepairAccepted>>, IConsumer<EventBatch<RepairDecided>>, IConsumer<EventBatch<ObjectionOpened>>, IConsumer<EventBatch<ObjectionResolved>>,
    IConsumer<EventBatch<MatchPerformed>>, IConsumer<EventBatch<MatchFeedbackReceived>>,
    IConsumer<EventBatch<EvaluationChanged>>,
    IConsumer<EventBatch<ListingNoticeIssued>>, IConsumer<EventBatch<ReportIssued>>,
    IConsumer<EventBatch<ExchangeFeedItemAdded>>
{
    // Summaries name objects, never personal identity numbers (DESIGN §7).
    public Task Consume(ConsumeContext<EventBatch<SubjectRegistered>> c) => File(c, m => m.Provisional ? $"Provisionally registered from a record: {m.Name}" : $"Registered as {m.Kind}: {m.Name}");
    public Task Consume(ConsumeContext<EventBatch<SubjectUpdated>> c) => File(c, m => $"Updated: {m.Name}");
    public Task Consume(ConsumeContext<EventBatch<LegacyCodeLinked>> c) => File(c, m => $"Legacy {m.LegacyCodeKind} {m.LegacyCode} linked");
    public Task Consume(ConsumeContext<EventBatch<SubjectDeregistered>> c) => File(c, m => $"Deregistered: {m.Reason}");
    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => File(c, m => $"Record {m.RecordId} accepted ({m.Category}{(m.Severity is { } s ? ", " + s : "")}) from {m.SourceUnit}");
    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => File(c, m => $"Record {m.RecordId} corrected: {m.Reason}");
    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) => File(c, m => $"Record {m.RecordId} revoked: {m.Reason}");
    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) => File(c, m => $"Disclosure of record {m.RecordId} ended: {m.Reason}");
    public Task Consume(ConsumeContext<EventBatch<ListEntryProposed>> c) => File(c, m => $"{m.ListType} entry {m.ListEntryId} proposed by {m.DeterminedBy}");
    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> c) => File(c, m => $"{m.ListType} entry {m.ListEntryId} active until {m.ValidUntil:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> c) => File(c, m => $"List entry {m.ListEntryId} removed: {m.Reason}");
    public Task Consume(ConsumeContext<EventBatch<ListEntrySuspended>> c) => File(c, m => $"List entry {m.ListEntryId} suspended by black entry {m.CausedBy}");
    public Task Consume(ConsumeContext<EventBatch<ListEntryRestored>> c) => File(c, m => $"List entry {m.ListEntryId} restored, valid until {m.ValidUntil:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<EventBatch<RepairApplied>> c) => File(c, m => $"Repair {m.RepairId} applied for {m.TargetKind} {m.TargetId}");
    public Task Consume(ConsumeContext<EventBatch<RepairAccepted>> c) => File(c, m => $"Repair {m.RepairId} accepted, decision due {m.DecisionDue:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<EventBatch<RepairDecided>> c) => File(c, m => $"Repair {m.RepairId} {(m.Approved ? "approved" : "closed without approval")}");
    public Task Consume(ConsumeContext<EventBatch<ObjectionOpened>> c) => File(c, m => $"Objection {m.ObjectionId} opened on {m.TargetKind} {m.TargetId}");
    public Task Consume(ConsumeContext<EventBatch<ObjectionResolved>> c) => File(c, m => $"Objection {m.ObjectionId} {(m.Upheld ? "upheld" : "rejected")} ({m.Action})");
    public Task Consume(ConsumeContext<EventBatch<MatchPerformed>> c) => File(c, m => $"Matched for {m.MatterCode}: {m.Decision} ({m.Hits} hits)");
    public Task Consume(ConsumeContext<EventBatch<MatchFeedbackReceived>> c) => File(c, m => $"Feedback on match {m.MatchId}: {m.Outcome}");
    public Task Consume(ConsumeContext<EventBatch<EvaluationChanged>> c) => File(c, m => m.PreviousGrade is null
        ? $"Evaluated {m.Grade} ({m.Score}) under model {m.ModelVersion}"
        : $"Evaluation {m.PreviousGrade} ({m.PreviousScore}) → {m.Grade} ({m.Score}) under model {m.ModelVersion}");
    public Task Consume(ConsumeContext<EventBatch<ExchangeFeedItemAdded>> c) => File(c, m => m.Reason is null
        ? $"Shared with the national platform (feed #{m.Sequence}): {m.SourceKind} {m.SourceId} {m.Type}"
        : $"Sharing stopped (停止共享, feed #{m.Sequence}): {m.SourceKind} {m.SourceId} {m.Reason}");

    public Task Consume(ConsumeContext<EventBatch<ListingNoticeIssued>> c) => File(c, m =>
        $"Notice {m.NoticeId}: {m.ListType} entry {m.ListEntryId} proposed, objections until {m.ObjectionDeadline.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} (UTC+8)");
    public Task Consume(ConsumeContext<EventBatch<ReportIssued>> c) => File(c, m => $"Credit report {m.ReportNumber} issued ({m.Purpose})");

    private Task File<T>(ConsumeContext<EventBatch<T>> context, Func<T, string> summary) where T : class, IIntegrationEvent =>
        archive.RecordAllAsync([.. context.Message.Events.Select(m => ((IIntegrationEvent)m, summary(m)))], context.CancellationToken);
}
