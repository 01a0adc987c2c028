using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using Npgsql;

namespace CreditMesh.Ingestion.Projections;

/// <summary>
/// record_disclosure: one row per record with what the public may see and its publicity window, kept in
/// the append transaction. Whether a record is disclosed is decided at read time from the window, so a
/// window that ended at 00:00 today is already closed without any job having run.
/// </summary>
public sealed class DisclosureProjection : IProjection
{
    public string Name => "record-disclosure";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RecordAccepted a:
                    await UpsertAsync(context, a.RecordId, a.Record, a.Publicity, ct);
                    break;
                case RecordCorrected c:
                    await UpsertAsync(context, c.RecordId, c.Record, c.Publicity, ct);
                    break;
                case RecordRevoked r:
                    await SetAsync(context, "revoked", r.RecordId, ct);
                    break;
                case RecordDisclosureEnded d:
                    await SetAsync(context, "ended", d.RecordId, ct);
                    break;
            }
        }
    }

    private static Task SetAsync(ProjectionContext context, string column, string recordId, CancellationToken ct) =>
        context.ExecuteAsync($"update record_disclosure set {column} = true where record_id = $1", ct, recordId);

    /// <summary>
    /// Objections are the repair service's streams; ingestion keeps which record each one is about and the
    /// "under objection" marker the public sees (set while any objection on the record is open).
    /// </summary>
    public static async Task OpenObjectionAsync(NpgsqlDataSource dataSource, string objectionId, string recordId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            with opened as (insert into record_objections (objection_id, record_id, open) values ($1, $2, true) on conflict do nothing)
            update record_disclosure set under_objection = true where record_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = objectionId });
        command.Parameters.Add(new NpgsqlParameter { Value = recordId });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> IsUnderObjectionAsync(NpgsqlDataSource dataSource, string recordId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select under_objection from record_disclosure where record_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = recordId });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Closes an objection; returns the record it was about (null when it was not about one of ours).</summary>
    public static async Task<string?> CloseObjectionAsync(NpgsqlDataSource dataSource, string objectionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            with closed as (update record_objections set open = false where objection_id = $1 returning record_id)
            update record_disclosure d set under_objection = exists (
                select 1 from record_objections o where o.record_id = d.record_id and o.open and o.objection_id <> $1)
            from closed where d.record_id = closed.record_id returning d.record_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = objectionId });
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    private static async Task UpsertAsync(ProjectionContext context, string recordId, CreditRecord r, Domain.Publicity.PublicityWindow window, CancellationToken ct)
    {
        await using var command = context.Command("""
            insert into record_disclosure (record_id, subject_code, category, decision_number, decision_date, severity, deciding_authority,
                                           penalty_content, disclosed, publicity_from, publicity_until, revoked)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false)
            on conflict (record_id) do update set subject_code = excluded.subject_code, category = excluded.category,
                decision_number = excluded.decision_number, decision_date = excluded.decision_date, severity = excluded.severity,
                deciding_authority = excluded.deciding_authority, penalty_content = excluded.penalty_content, disclosed = excluded.disclosed,
                publicity_from = excluded.publicity_from, publicity_until = excluded.publicity_until
            """);
        foreach (var value in new object?[] { recordId, r.Subject.Code, r.Category.ToString(), r.DecisionNumber, r.DecisionDate, r.Severity?.ToString(),
                     r.DecidingAuthority.Name, r.PenaltyContent, window.Disclosed, window.From, window.MaxUntil })
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate record_disclosure", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists record_disclosure (
                record_id text primary key, subject_code text not null, category text not null, decision_number text not null,
                decision_date date not null, severity text, deciding_authority text not null, penalty_content text,
                disclosed boolean not null, publicity_from date not null, publicity_until date not null, revoked boolean not null,
                under_objection boolean not null default false, ended boolean not null default false);
            create index if not exists record_disclosure_subject on record_disclosure (subject_code);
            create table if not exists record_objections (objection_id text primary key, record_id text not null, open boolean not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
