using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Ingestion.Projections;

/// <summary>
/// record_disclosure: one row per record with what the public may see and its publicity window, kept in
/// the append transaction. Whether a record is disclosed is decided at read time from the window, so a
/// window that ended at 00:00 today is already closed without any job having run.
/// </summary>
public sealed class DisclosureProjection : SqlProjection
{
    public override string Name => "record-disclosure";
    public override IReadOnlyList<string> Tables => ["record_disclosure"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RecordAccepted a:
                    Upsert(operations, a.RecordId, a.Record, a.Publicity, a.SourceUnit, corrected: false);
                    break;
                case RecordCorrected c:
                    Upsert(operations, c.RecordId, c.Record, c.Publicity, null, corrected: true);
                    break;
                case RecordRevoked r:
                    operations.QueueSql("update record_disclosure set revoked = true where record_id = $1", r.RecordId);
                    break;
                case RecordDisclosureEnded d:
                    operations.QueueSql("update record_disclosure set ended = true where record_id = $1", d.RecordId);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Accepted records name their unit; a correction keeps the row's unit and marks it corrected (self-view, DESIGN §4.9).</summary>
    private static void Upsert(IDocumentOperations operations, string recordId, CreditRecord r, Domain.Publicity.PublicityWindow window,
        string? sourceUnit, bool corrected) =>
        operations.QueueSql("""
            insert into record_disclosure (record_id, subject_code, category, decision_number, decision_date, severity, deciding_authority,
                                           penalty_content, disclosed, publicity_from, publicity_until, revoked,
                                           source_unit, corrected, publicity_min_until, rule_version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, $12, $13, $14, $15)
            on conflict (record_id) do update set subject_code = excluded.subject_code, category = excluded.category,
                decision_number = excluded.decision_number, decision_date = excluded.decision_date, severity = excluded.severity,
                deciding_authority = excluded.deciding_authority, penalty_content = excluded.penalty_content, disclosed = excluded.disclosed,
                publicity_from = excluded.publicity_from, publicity_until = excluded.publicity_until,
                source_unit = coalesce(excluded.source_unit, record_disclosure.source_unit), corrected = record_disclosure.corrected or excluded.corrected,
                publicity_min_until = excluded.publicity_min_until, rule_version = excluded.rule_version
            """, recordId, r.Subject.Code, r.Category.ToString(), r.DecisionNumber, r.DecisionDate,
            new SqlOperation.Typed(r.Severity?.ToString(), NpgsqlTypes.NpgsqlDbType.Text), r.DecidingAuthority.Name,
            new SqlOperation.Typed(r.PenaltyContent, NpgsqlTypes.NpgsqlDbType.Text), window.Disclosed, window.From, window.MaxUntil,
            new SqlOperation.Typed(sourceUnit, NpgsqlTypes.NpgsqlDbType.Text), corrected, window.MinUntil, window.RuleVersion);
}
