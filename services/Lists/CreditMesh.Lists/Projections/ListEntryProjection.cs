using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using JasperFx.Events;
using Marten;
using NpgsqlTypes;

namespace CreditMesh.Lists.Projections;

/// <summary>
/// The list_entries query table, updated in the append transaction (inline): one row per entry with its
/// stored status and version. Readers apply expiry themselves at read time (<see cref="ListEntryQueries"/>).
/// Each entry's events of one save are folded in memory onto its row and written once.
/// </summary>
public sealed class ListEntryProjection : SqlProjection
{
    public override string Name => "list-entries";
    public override IReadOnlyList<string> Tables => ["list_entries"];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stream in events.Where(e => e.Data is IEntryEvent).GroupBy(e => ((IEntryEvent)e.Data).ListEntryId))
        {
            var first = stream.First();
            var state = first.Version == 1
                ? ListEntryState.Create(first.Data)
                : (await ListEntryQueries.RowAsync(operations, stream.Key, cancellation)).Apply(first.Data);
            foreach (var e in stream.Skip(1)) state = state.Apply(e.Data);
            Upsert(operations, state, stream.Last().Version);
        }
    }

    private static void Upsert(IDocumentOperations operations, ListEntryState s, long version) =>
        operations.QueueSql("""
            insert into list_entries (list_entry_id, list_type, subject_code, determined_by, basis_record_ids, rule, status, removal_reason,
                                      valid_from, valid_until, objection_window_ends_at, suspended_by, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (list_entry_id) do update set status = excluded.status, removal_reason = excluded.removal_reason,
                valid_from = excluded.valid_from, valid_until = excluded.valid_until, suspended_by = excluded.suspended_by, version = excluded.version
            """, s.ListEntryId, s.ListType.ToString(), s.SubjectCode, s.DeterminedBy, s.BasisRecordIds.ToArray(), s.Rule.ToString(), s.Status.ToString(),
            new SqlOperation.Typed(s.RemovalReason?.ToString(), NpgsqlDbType.Text),
            new SqlOperation.Typed(s.ValidFrom?.ToUniversalTime(), NpgsqlDbType.TimestampTz), s.ValidUntil.ToUniversalTime(),
            new SqlOperation.Typed(s.ObjectionWindowEndsAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz),
            new SqlOperation.Typed(s.SuspendedBy, NpgsqlDbType.Text), version);
}
