using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using Npgsql;

namespace CreditMesh.Lists.Projections;

/// <summary>Reads of the list_entries table. Status filters apply expiry at the given instant, as every read must (DESIGN §4.3).</summary>
public static class ListEntryQueries
{
    public const int MaxItems = 1000;

    private const string Columns = """
        list_entry_id, list_type, subject_code, determined_by, basis_record_ids, rule, status, removal_reason, valid_from, valid_until,
        objection_window_ends_at, suspended_by, version
        """;

    internal static ListEntryState Read(NpgsqlDataReader r) => new(r.GetString(0), Enum.Parse<ListType>(r.GetString(1)), r.GetString(2), r.GetString(3),
        r.GetFieldValue<string[]>(4), Enum.Parse<DeterminationRule>(r.GetString(5)), Enum.Parse<EntryStatus>(r.GetString(6)),
        r.IsDBNull(7) ? null : Enum.Parse<RemovalReason>(r.GetString(7)), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11));

    /// <summary>Entries matching the filters as seen at <paramref name="now"/>, each with its version.</summary>
    public static async Task<IReadOnlyList<TrackedEntry>> FindAsync(NpgsqlDataSource dataSource, string? subjectCode, ListType? listType,
        EntryStatus? status, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand();
        var where = new List<string>();
        void Add(string condition, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            where.Add(condition.Replace("@", "$" + command.Parameters.Count));
        }
        if (subjectCode is not null) Add("subject_code = @", subjectCode);
        if (listType is { } t) Add("list_type = @", t.ToString());
        if (status is { } s)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            var at = "$" + command.Parameters.Count;
            where.Add(s == EntryStatus.Removed ? $"(status = 'Removed' or valid_until <= {at})" : $"(status = '{s}' and valid_until > {at})");
        }
        command.CommandText = $"select {Columns} from list_entries {(where.Count > 0 ? "where " + string.Join(" and ", where) : "")} " +
                              $"order by subject_code, list_entry_id limit {MaxItems}";
        return await ReadAllAsync(command, now, ct);
    }

    /// <summary>An entry's row as the state before the next event (enough for Apply), read in the session's transaction.</summary>
    internal static async Task<ListEntryState> RowAsync(Marten.IQuerySession session, string listEntryId, CancellationToken ct) =>
        (await session.ReadSqlAsync($"select {Columns} from list_entries where list_entry_id = $1", Read, ct, listEntryId)).SingleOrDefault()
        ?? throw new InvalidOperationException($"No list_entries row for {listEntryId}.");

    /// <summary>A subject's entries as stored (no read-time expiry: the decider writes the expiries itself).</summary>
    public static async Task<IReadOnlyList<TrackedEntry>> OfSubjectAsync(SessionConnection context, string subjectCode, CancellationToken ct) =>
        [.. (await OfSubjectsAsync(context, [subjectCode], ct))[subjectCode]];

    /// <summary>The entries of many subjects as stored, by subject (a batch consumer's one read).</summary>
    public static async Task<ILookup<string, TrackedEntry>> OfSubjectsAsync(SessionConnection context, IReadOnlyCollection<string> subjectCodes,
        CancellationToken ct)
    {
        await using var command = context.Command($"select {Columns} from list_entries where subject_code = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCodes.ToArray() });
        return (await ReadAllAsync(command, null, ct)).ToLookup(e => e.State.SubjectCode, StringComparer.Ordinal);
    }

    public static async Task<string?> SubjectOfAsync(NpgsqlDataSource dataSource, string listEntryId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select subject_code from list_entries where list_entry_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = listEntryId });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Subjects with work for the maintenance job: a proposal whose window ended without open objection, or an entry past its validity.</summary>
    public static async Task<IReadOnlyList<string>> SubjectsDueAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select distinct subject_code from list_entries e
            where e.status <> 'Removed' and (e.valid_until <= $1 or (e.status = 'Proposed' and e.objection_window_ends_at <= $1
                  and not exists (select 1 from entry_objections o where o.open and o.list_entry_id = e.list_entry_id
                                  and {EntryObjections.InTime("o", "e.objection_window_ends_at")})))
            limit 500
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var subjects = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) subjects.Add(reader.GetString(0));
        return subjects;
    }

    private static async Task<IReadOnlyList<TrackedEntry>> ReadAllAsync(NpgsqlCommand command, DateTimeOffset? now, CancellationToken ct)
    {
        var entries = new List<TrackedEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var state = Read(reader);
            entries.Add(new TrackedEntry(now is { } at ? state.AsSeenAt(at) : state, reader.GetInt64(12)));
        }
        return entries;
    }

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists list_entries (
                list_entry_id text primary key, list_type text not null, subject_code text not null, determined_by text not null,
                basis_record_ids text[] not null, rule text not null, status text not null, removal_reason text,
                valid_from timestamptz, valid_until timestamptz not null, objection_window_ends_at timestamptz, suspended_by text, version bigint not null);
            create index if not exists list_entries_subject on list_entries (subject_code);
            create index if not exists list_entries_due on list_entries (valid_until) where status <> 'Removed';
            create table if not exists known_records (
                record_id text primary key, subject_code text not null, source_unit text, category text, severity text,
                decision_date date, valid_until date, accepted boolean not null, revoked boolean not null, fact_version bigint not null);
            alter table known_records add column if not exists repaired boolean not null default false;
            create index if not exists known_records_subject on known_records (subject_code);
            create table if not exists entry_objections (
                objection_id text primary key, list_entry_id text not null, open boolean not null);
            create index if not exists entry_objections_entry on entry_objections (list_entry_id) where open;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
