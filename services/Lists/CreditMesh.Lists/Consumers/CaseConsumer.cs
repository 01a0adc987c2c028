using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Contracts;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Features;
using CreditMesh.EventSourcing;
using CreditMesh.Lists.Projections;
using CreditMesh.Messaging;
using MassTransit;
using Npgsql;

namespace CreditMesh.Lists.Consumers;

/// <summary>
/// What the repair service decides about list entries (DESIGN §4.5): an approved repair removes the entry
/// (Repaired); an objection holds a proposed entry's activation while open; an upheld one removes the
/// entry (ObjectionUpheld), a rejected one lets it take effect once its window has ended. Other targets are ignored.
/// </summary>
public sealed class CaseConsumer(SubjectLists lists, NpgsqlDataSource dataSource)
    : IConsumer<EventBatch<RepairDecided>>, IConsumer<EventBatch<ObjectionOpened>>, IConsumer<EventBatch<ObjectionResolved>>
{
    public Task Consume(ConsumeContext<EventBatch<RepairDecided>> context) => context.EachAsync(repair => DecidedAsync(context, repair));
    public Task Consume(ConsumeContext<EventBatch<ObjectionOpened>> context) => context.EachAsync(opened => OpenedAsync(context, opened));
    public Task Consume(ConsumeContext<EventBatch<ObjectionResolved>> context) => context.EachAsync(resolved => ResolvedAsync(context, resolved));

    private async Task DecidedAsync(ConsumeContext context, RepairDecided repair)
    {
        if (!repair.Approved) return;
        if (repair.TargetKind == TargetKinds.Record)
        {
            // A repaired record stops counting: entries it supported (e.g. key attention for repeated penalties) go as Repaired.
            await lists.ReconcileAsync(repair.SubjectCode, CausedBy.Metadata(repair), new InboxClaim(context.InboxName(), repair.EventId),
                c => KnownRecords.RepairedAsync(c, repair, context.CancellationToken), context.CancellationToken);
            return;
        }
        if (repair.TargetKind != TargetKinds.ListEntry) return;
        await DecideAsync(context, repair, repair.TargetId, null,
            (facts, now) => lists.Decider.Remove(facts, repair.TargetId, RemovalReason.Repaired, repair.DecisionNumber, now), context.CancellationToken);
    }

    private async Task OpenedAsync(ConsumeContext context, ObjectionOpened opened)
    {
        if (opened.TargetKind != TargetKinds.ListEntry) return;
        await DecideAsync(context, opened, opened.TargetId, c => EntryObjections.OpenAsync(c, opened.ObjectionId, opened.TargetId, opened.OccurredAt, context.CancellationToken),
            lists.Decider.Reconcile, context.CancellationToken);
    }

    /// <remarks>Older resolutions carry no target: the entry is then the one the objection was opened on, if it was one.</remarks>
    private async Task ResolvedAsync(ConsumeContext context, ObjectionResolved resolved)
    {
        if (resolved.TargetKind is { } kind && kind != TargetKinds.ListEntry) return;
        var entryId = resolved.TargetId;
        entryId ??= await EntryObjections.EntryOfAsync(dataSource, resolved.ObjectionId, context.CancellationToken);
        if (entryId is null) return;
        await DecideAsync(context, resolved, entryId, async c => await EntryObjections.CloseAsync(c, resolved.ObjectionId, entryId, context.CancellationToken),
            (facts, now) => resolved.Upheld
                ? lists.Decider.Remove(facts, entryId, RemovalReason.ObjectionUpheld, resolved.Reason, now)
                : lists.Decider.Reconcile(facts, now),
            context.CancellationToken);
    }

    /// <summary>Decides for the entry's subject; an entry lists has never determined is not its business.</summary>
    private async Task DecideAsync(ConsumeContext context, IIntegrationEvent cause, string listEntryId, Func<SessionConnection, Task>? updateFacts,
        Func<SubjectFacts, DateTimeOffset, IReadOnlyList<EntryChange>> decide, CancellationToken ct)
    {
        if (await ListEntryQueries.SubjectOfAsync(dataSource, listEntryId, ct) is not { } subject) return;
        await lists.DecideAsync(subject, CausedBy.Metadata(cause), new InboxClaim(context.InboxName(), cause.EventId), updateFacts, decide, ct);
    }
}
