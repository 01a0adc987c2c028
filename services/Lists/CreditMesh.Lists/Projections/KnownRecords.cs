using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Lists.Projections;

/// <summary>
/// Lists' own copy of the record facts it determines from, kept from ingestion's events in the consumer's
/// transaction. Each fact set keeps the highest source version seen, so a late acceptance never overwrites
/// a correction; a revocation is final and also recorded before the acceptance arrives (tombstone).
/// </summary>
public static class KnownRecords
{
    private sealed record Facts(string RecordId, string SubjectCode, string? SourceUnit, string? Category, string? Severity, DateOnly? DecisionDate,
        DateOnly? ValidUntil, bool Accepted, long Version);

    /// <summary>Acceptances of a consumer envelope, one statement per run of <see cref="RowRuns"/> (one upsert cannot touch a row twice).</summary>
    public static async Task AcceptedAllAsync(SessionConnection context, IReadOnlyList<CreditRecordAccepted> accepted, CancellationToken ct)
    {
        var facts = accepted.Select(e => new Facts(e.RecordId, e.SubjectCode, e.SourceUnit, e.Category, e.Severity, e.DecisionDate, e.ValidUntil,
            Accepted: true, e.SourceVersion));
        foreach (var run in RowRuns.Split(facts, f => f.RecordId)) await UpsertAsync(context, run, ct);
    }

    public static Task CorrectedAsync(SessionConnection context, CreditRecordCorrected e, CancellationToken ct) =>
        UpsertAsync(context, [new Facts(e.RecordId, e.SubjectCode, e.SourceUnit, e.Category, e.Severity, e.DecisionDate, e.ValidUntil, Accepted: false,
            e.SourceVersion)], ct);

    public static Task RevokedAsync(SessionConnection context, CreditRecordRevoked e, CancellationToken ct) =>
        context.ExecuteAsync("""
            insert into known_records (record_id, subject_code, accepted, revoked, fact_version) values ($1, $2, false, true, 0)
            on conflict (record_id) do update set revoked = true
            """, ct, e.RecordId, e.SubjectCode);

    /// <summary>An approved repair of the record (RepairDecided on a Record): final, like a revocation, and kept if it comes first.</summary>
    public static Task RepairedAsync(SessionConnection context, RepairDecided e, CancellationToken ct) =>
        context.ExecuteAsync("""
            insert into known_records (record_id, subject_code, accepted, revoked, repaired, fact_version) values ($1, $2, false, false, true, 0)
            on conflict (record_id) do update set repaired = true
            """, ct, e.TargetId, e.SubjectCode);

    private static Task UpsertAsync(SessionConnection context, IReadOnlyList<Facts> rows, CancellationToken ct)
    {
        return context.ExecuteAsync("""
            insert into known_records (record_id, subject_code, source_unit, category, severity, decision_date, valid_until, accepted, revoked, fact_version)
            select r.record_id, r.subject_code, r.source_unit, r.category, r.severity, r.decision_date, r.valid_until, r.accepted, false, r.fact_version
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::boolean[], $9::bigint[])
                as r(record_id, subject_code, source_unit, category, severity, decision_date, valid_until, accepted, fact_version)
            on conflict (record_id) do update set
                accepted = known_records.accepted or excluded.accepted,
                source_unit = case when excluded.fact_version > known_records.fact_version then coalesce(excluded.source_unit, known_records.source_unit) else coalesce(known_records.source_unit, excluded.source_unit) end,
                category = case when excluded.fact_version > known_records.fact_version then coalesce(excluded.category, known_records.category) else known_records.category end,
                severity = case when excluded.fact_version > known_records.fact_version and excluded.category is not null then excluded.severity else known_records.severity end,
                decision_date = case when excluded.fact_version > known_records.fact_version then coalesce(excluded.decision_date, known_records.decision_date) else known_records.decision_date end,
                valid_until = case when excluded.fact_version > known_records.fact_version and excluded.category is not null then excluded.valid_until else known_records.valid_until end,
                fact_version = greatest(known_records.fact_version, excluded.fact_version)
            """, ct,
            SqlOperation.Typed.Texts(rows.Select(r => r.RecordId)), SqlOperation.Typed.Texts(rows.Select(r => r.SubjectCode)), SqlOperation.Typed.Texts(rows.Select(r => r.SourceUnit)),
            SqlOperation.Typed.Texts(rows.Select(r => r.Category)), SqlOperation.Typed.Texts(rows.Select(r => r.Severity)), SqlOperation.Typed.Dates(rows.Select(r => r.DecisionDate)),
            SqlOperation.Typed.Dates(rows.Select(r => r.ValidUntil)), rows.Select(r => r.Accepted).ToArray(), rows.Select(r => r.Version).ToArray());
    }

    public static async Task<IReadOnlyList<KnownRecord>> OfSubjectAsync(SessionConnection context, string subjectCode, CancellationToken ct) =>
        [.. (await OfSubjectsAsync(context, [subjectCode], ct))[subjectCode]];

    /// <summary>The record facts of many subjects, by subject (a batch consumer's one read).</summary>
    public static async Task<ILookup<string, KnownRecord>> OfSubjectsAsync(SessionConnection context, IReadOnlyCollection<string> subjectCodes,
        CancellationToken ct)
    {
        await using var command = context.Command("""
            select record_id, subject_code, source_unit, category, severity, decision_date, valid_until, accepted, revoked, repaired
            from known_records where subject_code = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCodes.ToArray() });
        return (await ReadAsync(command, ct)).ToLookup(r => r.SubjectCode, StringComparer.Ordinal);
    }

    /// <summary>The records among <paramref name="recordIds"/> this service knows, for checking a manual proposal's basis.</summary>
    public static async Task<IReadOnlyList<KnownRecord>> FindAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> recordIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select record_id, subject_code, source_unit, category, severity, decision_date, valid_until, accepted, revoked, repaired
            from known_records where record_id = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = recordIds.ToArray() });
        return await ReadAsync(command, ct);
    }

    private static async Task<IReadOnlyList<KnownRecord>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var records = new List<KnownRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            records.Add(new KnownRecord(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                reader.GetBoolean(7), reader.GetBoolean(8), reader.GetBoolean(9)));
        return records;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

}
