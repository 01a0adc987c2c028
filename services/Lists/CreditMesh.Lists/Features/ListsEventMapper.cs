using JasperFx.Events;
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
    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        Contracts.IIntegrationEvent? integration = stored.Data switch
        {
            EntryProposed e => new Contracts.ListEntryProposed(id, at, e.SubjectCode, stream, version, correlation, actor,
                e.ListEntryId, e.ListType.ToString(), e.DeterminedBy, e.ValidUntil, e.BasisRecordIds, e.ObjectionWindowEndsAt),
            EntryActivated e => new Contracts.ListEntryActivated(id, at, e.SubjectCode, stream, version, correlation, actor,
                e.ListEntryId, e.ListType.ToString(), e.DeterminedBy, e.ValidFrom, e.ValidUntil, e.BasisRecordIds, e.NationalId, e.Basis, e.SubjectName),
            EntryRemoved e => new Contracts.ListEntryRemoved(id, at, e.SubjectCode, stream, version, correlation, actor,
                e.ListEntryId, e.Reason.ToString()),
            EntrySuspended e => new Contracts.ListEntrySuspended(id, at, e.SubjectCode, stream, version, correlation, actor,
                e.ListEntryId, e.CausedBy),
            EntryRestored e => new Contracts.ListEntryRestored(id, at, e.SubjectCode, stream, version, correlation, actor,
                e.ListEntryId, e.ValidUntil),
            Domain.Notices.NoticeIssued n => new Contracts.ListingNoticeIssued(id, at, n.SubjectCode, stream, version, correlation, actor,
                n.NoticeId, n.ListEntryId, n.ListType.ToString(), n.BasisRecordIds, n.LegalBasis, n.ObjectionDeadline),
            _ => null,
        };
        if (integration is not null) yield return integration;
    }
}
