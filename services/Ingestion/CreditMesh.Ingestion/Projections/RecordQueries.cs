using Npgsql;

namespace CreditMesh.Ingestion.Projections;

/// <summary>Ingestion's read models: their tables, and the SQL the API, the consumers and the expiry job run on them.</summary>
public static class RecordQueries
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists record_disclosure (
                record_id text primary key, subject_code text not null, category text not null, decision_number text not null,
                decision_date date not null, severity text, deciding_authority text not null, penalty_content text,
                disclosed boolean not null, publicity_from date not null, publicity_until date not null, revoked boolean not null,
                under_objection boolean not null default false, ended boolean not null default false);
            create table if not exists record_objections (objection_id text primary key, record_id text not null, open boolean not null);
            create table if not exists quality_daily (
                unit text not null, day date not null, slot smallint not null default 0,
                accepted int not null, rejected int not null, late int not null, corrected int not null,
                primary key (unit, day, slot));
            -- A unit's day is counted in QualitySlots rows, so concurrent batches of one unit do not queue on one row (issue 16).
            alter table quality_daily add column if not exists slot smallint not null default 0;
            do $$ begin
                if (select i.indnatts from pg_index i where i.indexrelid = 'quality_daily_pkey'::regclass) = 2 then
                    alter table quality_daily drop constraint quality_daily_pkey, add primary key (unit, day, slot);
                end if;
            end $$;
            create table if not exists disclosed_list_entries (
                list_entry_id text primary key, subject_code text not null, list_type text not null, valid_until timestamptz not null,
                removed boolean not null, source_version bigint not null);
            alter table disclosed_list_entries add column if not exists suspended boolean not null default false;
            create index if not exists disclosed_list_entries_subject on disclosed_list_entries (subject_code);
            alter table record_disclosure add column if not exists source_unit text;
            alter table record_disclosure add column if not exists corrected boolean not null default false;
            alter table record_disclosure add column if not exists publicity_min_until date;
            alter table record_disclosure add column if not exists rule_version text;
            -- The page index leads with subject_code, so it serves every by-subject read the older index did.
            create index if not exists record_disclosure_page on record_disclosure (subject_code, decision_date desc, record_id desc);
            drop index if exists record_disclosure_subject;
            """);
        await command.ExecuteNonQueryAsync(ct);
        await RecordPages.BackfillAsync(dataSource, ct);
    }

    /// <summary>
    /// How many rows share a unit's day. Each writer adds to one of them, chosen at random, and readers sum them: two
    /// batches of one unit then rarely wait for each other's commit on one counter row (with one row they queued there,
    /// 50 ms per batch in pg_stat_statements, docs/benchmarks.md).
    /// </summary>
    public const int QualitySlots = 16;

    public static short AnyQualitySlot() => (short)Random.Shared.Next(QualitySlots);

    /// <summary>Adds to a unit's day: $1 unit, $2 day, $3 accepted, $4 rejected, $5 late, $6 corrected, $7 slot.</summary>
    public const string AddQuality = """
        insert into quality_daily (unit, day, accepted, rejected, late, corrected, slot) values ($1, $2, $3, $4, $5, $6, $7)
        on conflict (unit, day, slot) do update set accepted = quality_daily.accepted + excluded.accepted,
            rejected = quality_daily.rejected + excluded.rejected, late = quality_daily.late + excluded.late,
            corrected = quality_daily.corrected + excluded.corrected
        """;

    /// <summary>Rejected submissions store no record, so they are counted straight into the day's row.</summary>
    public static async Task CountRejectedAsync(NpgsqlDataSource dataSource, string unit, DateOnly day, int rejected, CancellationToken ct)
    {
        if (rejected == 0) return;
        await using var command = dataSource.CreateCommand(AddQuality);
        foreach (var value in new object[] { unit, day, 0, rejected, 0, 0, AnyQualitySlot() }) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> IsUnderObjectionAsync(NpgsqlDataSource dataSource, string recordId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select under_objection from record_disclosure where record_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = recordId });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Which of these streams exist already.</summary>
    public static async Task<List<string>> ExistingStreamsAsync(NpgsqlDataSource dataSource, string[] streamIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select id from mt_streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) streams.Add(reader.GetString(0));
        return streams;
    }

    /// <summary>Records whose publicity window has closed by <paramref name="today"/> but that have no disclosure-ended event yet.</summary>
    public static async Task<List<string>> ClosedWindowsAsync(NpgsqlDataSource dataSource, DateOnly today, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select record_id from record_disclosure where disclosed and not ended and not revoked and publicity_until <= $1 limit 1000");
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        return due;
    }

    // Objections are the repair service's streams; ingestion keeps which record each is about and the "under objection"
    // marker the public sees (set while any objection on the record is open). Both run in the consumer's transaction.

    /// <summary>Opens an objection once: a redelivered ObjectionOpened after its resolution marks nothing again.</summary>
    public const string OpenObjection = """
        with opened as (insert into record_objections (objection_id, record_id, open) values ($1, $2, true) on conflict do nothing returning record_id)
        update record_disclosure set under_objection = true where record_id in (select record_id from opened)
        """;

    /// <summary>Closes an objection; returns the record it was about (none when it was not about one of ours).</summary>
    public const string CloseObjection = """
        with closed as (update record_objections set open = false where objection_id = $1 and open returning record_id)
        update record_disclosure d set under_objection = exists (
            select 1 from record_objections o where o.record_id = d.record_id and o.open and o.objection_id <> $1)
        from closed where d.record_id = closed.record_id returning d.record_id
        """;

    /// <summary>
    /// Disclosures show a subject's active list entries: each row keeps the highest source version it has seen, and a removal
    /// is never undone by a late activation; a red entry suspended by a black one (一票否决) is hidden until restored.
    /// </summary>
    public const string UpsertListEntry = """
        insert into disclosed_list_entries (list_entry_id, subject_code, list_type, valid_until, removed, source_version, suspended)
        values ($1, $2, coalesce($3, ''), coalesce($4, '-infinity'::timestamptz), $5, $6, $7)
        on conflict (list_entry_id) do update set
            suspended = case when excluded.source_version > disclosed_list_entries.source_version then excluded.suspended
                             else disclosed_list_entries.suspended end,
            list_type = case when excluded.list_type <> '' then excluded.list_type else disclosed_list_entries.list_type end,
            valid_until = case when excluded.source_version > disclosed_list_entries.source_version and excluded.valid_until <> '-infinity'
                               then excluded.valid_until else disclosed_list_entries.valid_until end,
            removed = disclosed_list_entries.removed or excluded.removed,
            source_version = greatest(disclosed_list_entries.source_version, excluded.source_version)
        """;
}
