using CreditMesh.Contracts;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Features;
using CreditMesh.Lists.Projections;
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
    public const string Name = "lists-cases";
    public const string ListEntryTarget = "ListEntry";
    public const string RecordTarget = "Record";

    public async Task Consume(ConsumeContext<RepairDecided> context)
    {
        var repair = context.Message;
        if (!repair.Approved) return;
        if (repair.TargetKind == RecordTarget)
        {
            // A repaired record stops counting: entries it supported (e.g. key attention for repeated penalties) go as Repaired.
            await lists.ReconcileAsync(repair.SubjectCode, RecordConsumer.MetadataOf(repair), new InboxClaim(Name, repair.EventId),
                c => KnownRecords.RepairedAsync(c, repair, context.CancellationToken), context.CancellationToken);
            return;
        }
        if (repair.TargetKind != ListEntryTarget) return;
        await DecideAsync(repair, repair.TargetId, null,
            (facts, now) => lists.Decider.Remove(facts, repair.TargetId, RemovalReason.Repaired, repair.DecisionNumber, now), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ObjectionOpened> context)
    {
        var opened = context.Message;
        if (opened.TargetKind != ListEntryTarget) return;
        await DecideAsync(opened, opened.TargetId, c => EntryObjections.OpenAsync(c, opened.ObjectionId, opened.TargetId, context.CancellationToken),
            lists.Decider.Reconcile, context.CancellationToken);
    }

    /// <remarks>Older resolutions carry no target: the entry is then the one the objection was opened on, if it was one.</remarks>
    public async Task Consume(ConsumeContext<ObjectionResolved> context)
    {
        var resolved = context.Message;
        if (resolved.TargetKind is { } kind && kind != ListEntryTarget) return;
        var entryId = resolved.TargetId;
        if (entryId is null)
        {
            await using var command = dataSource.CreateCommand("select list_entry_id from entry_objections where objection_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = resolved.ObjectionId });
            entryId = await command.ExecuteScalarAsync(context.CancellationToken) as string;
            if (entryId is null) return;
        }
        await DecideAsync(resolved, entryId, async c => await EntryObjections.CloseAsync(c, resolved.ObjectionId, entryId, context.CancellationToken),
            (facts, now) => resolved.Upheld
                ? lists.Decider.Remove(facts, entryId, RemovalReason.ObjectionUpheld, resolved.Reason, now)
                : lists.Decider.Reconcile(facts, now),
            context.CancellationToken);
    }

    /// <summary>Decides for the entry's subject; an entry lists has never determined is not its business.</summary>
    private async Task DecideAsync(IIntegrationEvent cause, string listEntryId, Func<EventSourcing.ProjectionContext, Task>? updateFacts,
        Func<SubjectFacts, DateTimeOffset, IReadOnlyList<EntryChange>> decide, CancellationToken ct)
    {
        if (await ListEntryQueries.SubjectOfAsync(dataSource, listEntryId, ct) is not { } subject) return;
        await lists.DecideAsync(subject, RecordConsumer.MetadataOf(cause), new InboxClaim(Name, cause.EventId), updateFacts, decide, ct);
    }
}
