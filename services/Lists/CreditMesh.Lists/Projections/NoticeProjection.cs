using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain.Notices;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Lists.Projections;

/// <summary>listing_notices: one row per notice (告知书), written in the transaction that proposes the entry. Rebuildable from the notice streams.</summary>
public sealed class NoticeProjection : SqlProjection
{
    public override string Name => "listing-notices";
    public override IReadOnlyList<string> Tables => ["listing_notices"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var n in events.Select(e => e.Data).OfType<NoticeIssued>())
            operations.QueueSql("""
                insert into listing_notices (notice_id, list_entry_id, subject_code, list_type, basis_record_ids, legal_basis, issued_at, objection_deadline)
                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing
                """, n.NoticeId, n.ListEntryId, n.SubjectCode, n.ListType.ToString(), n.BasisRecordIds.ToArray(), n.LegalBasis,
                n.IssuedAt.ToUniversalTime(), n.ObjectionDeadline.ToUniversalTime());
        return Task.CompletedTask;
    }
}
