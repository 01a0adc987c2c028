using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Lists.Features;

/// <summary>
/// What lists tells other services (published by the outbox relay). Total: every version of every entry
/// stream maps to exactly one integration event, so the registry's archive sees no holes (ADR 0005).
/// </summary>
public sealed class ListsEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(StoredEvent stored)
    {
        var actor = stored.Metadata.Actor is { } a ? new Contracts.Actor(a.Unit, a.User, a.Role) : null;
        var correlation = stored.Metadata.CorrelationId;
        object? integration = stored.Data switch
        {
            EntryProposed e => new Contracts.ListEntryProposed(stored.Id, stored.CreatedAt, e.SubjectCode, stored.StreamId, stored.Version, correlation, actor,
                e.ListEntryId, e.ListType.ToString(), e.DeterminedBy, e.ValidUntil, e.BasisRecordIds, e.ObjectionWindowEndsAt),
            EntryActivated e => new Contracts.ListEntryActivated(stored.Id, stored.CreatedAt, e.SubjectCode, stored.StreamId, stored.Version, correlation, actor,
                e.ListEntryId, e.ListType.ToString(), e.DeterminedBy, e.ValidFrom, e.ValidUntil, e.BasisRecordIds),
            EntryRemoved e => new Contracts.ListEntryRemoved(stored.Id, stored.CreatedAt, e.SubjectCode, stored.StreamId, stored.Version, correlation, actor,
                e.ListEntryId, e.Reason.ToString()),
            EntrySuspended e => new Contracts.ListEntrySuspended(stored.Id, stored.CreatedAt, e.SubjectCode, stored.StreamId, stored.Version, correlation, actor,
                e.ListEntryId, e.CausedBy),
            EntryRestored e => new Contracts.ListEntryRestored(stored.Id, stored.CreatedAt, e.SubjectCode, stored.StreamId, stored.Version, correlation, actor,
                e.ListEntryId, e.ValidUntil),
            _ => null,
        };
        if (integration is not null) yield return integration;
    }
}
