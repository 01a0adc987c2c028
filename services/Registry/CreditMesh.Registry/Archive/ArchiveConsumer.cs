using CreditMesh.Contracts;
using MassTransit;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// Builds each subject's credit archive from every service's integration events, the registry's own
/// included. An event that arrives ahead of its predecessor waits (see <see cref="GapRefiller"/>).
/// </summary>
public sealed class ArchiveConsumer(ArchiveWriter archive) :
    IConsumer<SubjectRegistered>, IConsumer<SubjectUpdated>, IConsumer<LegacyCodeLinked>, IConsumer<SubjectDeregistered>,
    IConsumer<CreditRecordAccepted>, IConsumer<CreditRecordCorrected>, IConsumer<CreditRecordRevoked>, IConsumer<CreditRecordDisclosureEnded>,
    IConsumer<ListEntryProposed>, IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>,
    IConsumer<RepairApplied>, IConsumer<RepairAccepted>, IConsumer<RepairDecided>, IConsumer<ObjectionOpened>, IConsumer<ObjectionResolved>,
    IConsumer<MatchPerformed>, IConsumer<MatchFeedbackReceived>
{
    // Summaries name objects, never personal identity numbers (DESIGN §7).
    public Task Consume(ConsumeContext<SubjectRegistered> c) => File(c, c.Message.Provisional ? $"Provisionally registered from a record: {c.Message.Name}" : $"Registered as {c.Message.Kind}: {c.Message.Name}");
    public Task Consume(ConsumeContext<SubjectUpdated> c) => File(c, $"Updated: {c.Message.Name}");
    public Task Consume(ConsumeContext<LegacyCodeLinked> c) => File(c, $"Legacy {c.Message.LegacyCodeKind} {c.Message.LegacyCode} linked");
    public Task Consume(ConsumeContext<SubjectDeregistered> c) => File(c, $"Deregistered: {c.Message.Reason}");
    public Task Consume(ConsumeContext<CreditRecordAccepted> c) => File(c, $"Record {c.Message.RecordId} accepted ({c.Message.Category}{(c.Message.Severity is { } s ? ", " + s : "")}) from {c.Message.SourceUnit}");
    public Task Consume(ConsumeContext<CreditRecordCorrected> c) => File(c, $"Record {c.Message.RecordId} corrected: {c.Message.Reason}");
    public Task Consume(ConsumeContext<CreditRecordRevoked> c) => File(c, $"Record {c.Message.RecordId} revoked: {c.Message.Reason}");
    public Task Consume(ConsumeContext<CreditRecordDisclosureEnded> c) => File(c, $"Disclosure of record {c.Message.RecordId} ended: {c.Message.Reason}");
    public Task Consume(ConsumeContext<ListEntryProposed> c) => File(c, $"{c.Message.ListType} entry {c.Message.ListEntryId} proposed by {c.Message.DeterminedBy}");
    public Task Consume(ConsumeContext<ListEntryActivated> c) => File(c, $"{c.Message.ListType} entry {c.Message.ListEntryId} active until {c.Message.ValidUntil:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<ListEntryRemoved> c) => File(c, $"List entry {c.Message.ListEntryId} removed: {c.Message.Reason}");
    public Task Consume(ConsumeContext<ListEntrySuspended> c) => File(c, $"List entry {c.Message.ListEntryId} suspended by black entry {c.Message.CausedBy}");
    public Task Consume(ConsumeContext<ListEntryRestored> c) => File(c, $"List entry {c.Message.ListEntryId} restored, valid until {c.Message.ValidUntil:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<RepairApplied> c) => File(c, $"Repair {c.Message.RepairId} applied for {c.Message.TargetKind} {c.Message.TargetId}");
    public Task Consume(ConsumeContext<RepairAccepted> c) => File(c, $"Repair {c.Message.RepairId} accepted, decision due {c.Message.DecisionDue:yyyy-MM-dd}");
    public Task Consume(ConsumeContext<RepairDecided> c) => File(c, $"Repair {c.Message.RepairId} {(c.Message.Approved ? "approved" : "closed without approval")}");
    public Task Consume(ConsumeContext<ObjectionOpened> c) => File(c, $"Objection {c.Message.ObjectionId} opened on {c.Message.TargetKind} {c.Message.TargetId}");
    public Task Consume(ConsumeContext<ObjectionResolved> c) => File(c, $"Objection {c.Message.ObjectionId} {(c.Message.Upheld ? "upheld" : "rejected")} ({c.Message.Action})");
    public Task Consume(ConsumeContext<MatchPerformed> c) => File(c, $"Matched for {c.Message.MatterCode}: {c.Message.Decision} ({c.Message.Hits} hits)");
    public Task Consume(ConsumeContext<MatchFeedbackReceived> c) => File(c, $"Feedback on match {c.Message.MatchId}: {c.Message.Outcome}");

    private Task File<T>(ConsumeContext<T> context, string summary) where T : class, IIntegrationEvent =>
        archive.RecordAsync(context.Message, summary, context.CancellationToken);
}
