using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using JasperFx.Events;
using Marten;
using NpgsqlTypes;

namespace CreditMesh.Ingestion.Projections;

/// <summary>
/// record_disclosure: one row per record with what the public may see and its publicity window, kept in
/// the append transaction (records that follow one another in one upsert). Whether a record is disclosed is decided at read time from the window, so a
/// window that ended at 00:00 today is already closed without any job having run.
/// </summary>
public sealed class DisclosureProjection : SqlProjection
{
    public override string Name => "record-disclosure";
    public override IReadOnlyList<string> Tables => ["record_disclosure"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var upserts = new RowRun<Row>(r => r.RecordId, Upsert);
        foreach (var e in events)
        {
            if (UpsertOf(e.Data) is { } row)
            {
                upserts.Add(operations, row);
                continue;
            }
            upserts.Flush(operations);
            switch (e.Data)
            {
                case RecordRevoked r:
                    operations.QueueSql("update record_disclosure set revoked = true where record_id = $1", r.RecordId);
                    break;
                case RecordDisclosureEnded d:
                    operations.QueueSql("update record_disclosure set ended = true where record_id = $1", d.RecordId);
                    break;
            }
        }
        upserts.Flush(operations);
        return Task.CompletedTask;
    }

    private static Row? UpsertOf(object data) => data switch
    {
        RecordAccepted a => new Row(a.RecordId, a.Record, a.Publicity, a.SourceUnit, Corrected: false),
        RecordCorrected c => new Row(c.RecordId, c.Record, c.Publicity, null, Corrected: true),
        _ => null,
    };

    /// <summary>What one accepted or corrected record writes; accepted records name their unit, a correction keeps the row's.</summary>
    private sealed record Row(string RecordId, CreditRecord Record, Domain.Publicity.PublicityWindow Window, string? SourceUnit, bool Corrected);

    /// <summary>
    /// Records that follow one another (a batch of accepted records) in one upsert; a correction keeps the row's unit and
    /// marks it corrected (self-view, DESIGN §4.9).
    /// </summary>
    private static void Upsert(IDocumentOperations operations, IReadOnlyList<Row> rows)
    {
        static SqlOperation.Typed Texts(IEnumerable<string?> values) => new(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        static SqlOperation.Typed Dates(IEnumerable<DateOnly> values) => new(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date);
        operations.QueueSql("""
            insert into record_disclosure (record_id, subject_code, category, decision_number, decision_date, severity, deciding_authority,
                                           penalty_content, disclosed, publicity_from, publicity_until, revoked,
                                           source_unit, corrected, publicity_min_until, rule_version)
            select r.record_id, r.subject_code, r.category, r.decision_number, r.decision_date, r.severity, r.deciding_authority,
                   r.penalty_content, r.disclosed, r.publicity_from, r.publicity_until, false,
                   r.source_unit, r.corrected, r.publicity_min_until, r.rule_version
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::boolean[],
                        $10::date[], $11::date[], $12::text[], $13::boolean[], $14::date[], $15::text[])
                as r(record_id, subject_code, category, decision_number, decision_date, severity, deciding_authority, penalty_content,
                     disclosed, publicity_from, publicity_until, source_unit, corrected, publicity_min_until, rule_version)
            on conflict (record_id) do update set subject_code = excluded.subject_code, category = excluded.category,
                decision_number = excluded.decision_number, decision_date = excluded.decision_date, severity = excluded.severity,
                deciding_authority = excluded.deciding_authority, penalty_content = excluded.penalty_content, disclosed = excluded.disclosed,
                publicity_from = excluded.publicity_from, publicity_until = excluded.publicity_until,
                source_unit = coalesce(excluded.source_unit, record_disclosure.source_unit), corrected = record_disclosure.corrected or excluded.corrected,
                publicity_min_until = excluded.publicity_min_until, rule_version = excluded.rule_version
            """,
            Texts(rows.Select(r => r.RecordId)), Texts(rows.Select(r => r.Record.Subject.Code)), Texts(rows.Select(r => r.Record.Category.ToString())),
            Texts(rows.Select(r => r.Record.DecisionNumber)), Dates(rows.Select(r => r.Record.DecisionDate)),
            Texts(rows.Select(r => r.Record.Severity?.ToString())), Texts(rows.Select(r => r.Record.DecidingAuthority.Name)),
            Texts(rows.Select(r => r.Record.PenaltyContent)), new SqlOperation.Typed(rows.Select(r => r.Window.Disclosed).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean),
            Dates(rows.Select(r => r.Window.From)), Dates(rows.Select(r => r.Window.MaxUntil)), Texts(rows.Select(r => r.SourceUnit)),
            new SqlOperation.Typed(rows.Select(r => r.Corrected).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean),
            Dates(rows.Select(r => r.Window.MinUntil)), Texts(rows.Select(r => r.Window.RuleVersion)));
    }
}
