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
    : IConsumer<RepairDecided>, IConsumer<ObjectionOpened>, IConsumer<ObjectionResolved>
{

    public async Task Consume(ConsumeContext<RepairDecided> context)
    {
        var repair = context.Message;
        if (!repair.Approved) return;
        if (repair.TargetKind == TargetKinds.Record)
        {
            // A repaired record stops counting: entries it supported (e.g. key attention for repeated penalties) go as Repaired.
            await lists.ReconcileAsync(repair.SubjectCode, CausedBy.Metadata(repair), new InboxClaim(context.InboxName(), repair.EventId),
                c => KnownRecords.RepairedAsync(c, repair, context.CancellationToken), context.CancellationToken);
            return;
        }
        if (repair.TargetKind != TargetKinds.ListEntry) return;
        await DecideAsync(context, repair.TargetId, null,
            (facts, now) => lists.Decider.Remove(facts, repair.TargetId, RemovalReason.Repaired, repair.DecisionNumber, now), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ObjectionOpened> context)
    {
        var opened = context.Message;
        if (opened.TargetKind != TargetKinds.ListEntry) return;
        await DecideAsync(context, opened.TargetId, c => EntryObjections.OpenAsync(c, opened.ObjectionId, opened.TargetId, opened.OccurredAt, context.CancellationToken),
            lists.Decider.Reconcile, context.CancellationToken);
    }

    /// <remarks>Older resolutions carry no target: the entry is then the one the objection was opened on, if it was one.</remarks>
    public async Task Consume(ConsumeContext<ObjectionResolved> context)
    {
        var resolved = context.Message;
        if (resolved.TargetKind is { } kind && kind != TargetKinds.ListEntry) return;
        var entryId = resolved.TargetId;
        entryId ??= await EntryObjections.EntryOfAsync(dataSource, resolved.ObjectionId, context.CancellationToken);
        if (entryId is null) return;
        await DecideAsync(context, entryId, async c => await EntryObjections.CloseAsync(c, resolved.ObjectionId, entryId, context.CancellationToken),
            (facts, now) => resolved.Upheld
                ? lists.Decider.Remove(facts, entryId, RemovalReason.ObjectionUpheld, resolved.Reason, now)
                : lists.Decider.Reconcile(facts, now),
            context.CancellationToken);
    }

    /// <summary>Decides for the entry's subject; an entry lists has never determined is not its business.</summary>
    private async Task DecideAsync<T>(ConsumeContext<T> context, string listEntryId, Func<SessionConnection, Task>? updateFacts,
        Func<SubjectFacts, DateTimeOffset, IReadOnlyList<EntryChange>> decide, CancellationToken ct) where T : class, IIntegrationEvent
    {
        if (await ListEntryQueries.SubjectOfAsync(dataSource, listEntryId, ct) is not { } subject) return;
        await lists.DecideAsync(subject, CausedBy.Metadata(context.Message), new InboxClaim(context.InboxName(), context.Message.EventId), updateFacts, decide, ct);
    }
}
