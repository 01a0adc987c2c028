using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Stores list changes in matching's tables, in the caller's transaction: folds them into each entry's state,
/// keeps every event in the history, and appends the changed states to the log the replicas tail. One path for
/// the list-event consumer (an envelope of changes) and the benchmark data generator (thousands per call).
/// </summary>
public static class ListIndexWriter
{
    public static async Task WriteAsync(SessionConnection context, IReadOnlyList<ListEntryChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        await context.ExecuteAsync($"select pg_advisory_xact_lock({IndexSchema.WriterLock})", ct);
        var states = await LoadAsync(context, changes.Select(c => c.ListEntryId).Distinct().ToArray(), ct);
        var changed = new Dictionary<string, ListEntryState>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            states.TryGetValue(change.ListEntryId, out var state);
            if (ListEntryFold.Apply(state, change) is not { } next) continue;
            states[change.ListEntryId] = changed[change.ListEntryId] = next;
        }
        await using var batch = new NpgsqlBatch(context.Connection);
        batch.BatchCommands.Add(History(changes));
        if (changed.Count > 0)
        {
            var rows = changed.Values.ToList();
            batch.BatchCommands.Add(Upsert(rows));
            batch.BatchCommands.Add(Log(rows));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{IndexSchema.Channel}', '')"));
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<string, ListEntryState>> LoadAsync(SessionConnection context, string[] ids, CancellationToken ct)
    {
        await using var command = context.Command("""
            select list_entry_id, subject_code, list_type, determined_by, valid_from, valid_until, status, status_version
            from list_entries where list_entry_id = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        var states = new Dictionary<string, ListEntryState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            states[reader.GetString(0)] = new ListEntryState(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : Enum.Parse<ListType>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                Enum.Parse<EntryStatus>(reader.GetString(6)), reader.GetInt64(7));
        return states;
    }

    private static NpgsqlBatchCommand History(IReadOnlyList<ListEntryChange> changes)
    {
        var command = new NpgsqlBatchCommand("""
            insert into list_entry_history (list_entry_id, source_version, subject_code, status, valid_until, effective_at)
            select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.ListEntryId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.SourceVersion).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.SubjectCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.Status.ToString()).ToArray() });
        command.Parameters.Add(Times(changes.Select(c => c.ValidUntil)));
        command.Parameters.Add(Times(changes.Select(c => (DateTimeOffset?)c.OccurredAt)));
        return command;
    }

    private static NpgsqlBatchCommand Upsert(List<ListEntryState> rows)
    {
        var command = new NpgsqlBatchCommand("""
            insert into list_entries (list_entry_id, subject_code, list_type, determined_by, valid_from, valid_until, status, status_version)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::bigint[])
            on conflict (list_entry_id) do update set list_type = excluded.list_type, determined_by = excluded.determined_by,
                valid_from = excluded.valid_from, valid_until = excluded.valid_until, status = excluded.status, status_version = excluded.status_version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.ListEntryId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SubjectCode).ToArray() });
        command.Parameters.Add(Texts(rows.Select(r => r.ListType?.ToString())));
        command.Parameters.Add(Texts(rows.Select(r => r.DeterminedBy)));
        command.Parameters.Add(Times(rows.Select(r => r.ValidFrom)));
        command.Parameters.Add(Times(rows.Select(r => r.ValidUntil)));
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Status.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StatusVersion).ToArray() });
        return command;
    }

    private static NpgsqlBatchCommand Log(List<ListEntryState> rows)
    {
        var command = new NpgsqlBatchCommand("""
            insert into index_changes (subject_code, list_entry_id, list_type, determined_by, valid_from, valid_until, hits)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::boolean[])
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SubjectCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.ListEntryId).ToArray() });
        command.Parameters.Add(Texts(rows.Select(r => r.ListType?.ToString())));
        command.Parameters.Add(Texts(rows.Select(r => r.DeterminedBy)));
        command.Parameters.Add(Times(rows.Select(r => r.ValidFrom)));
        command.Parameters.Add(Times(rows.Select(r => r.ValidUntil)));
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hits).ToArray() });
        return command;
    }

    internal static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    internal static NpgsqlParameter Times(IEnumerable<DateTimeOffset?> values) =>
        new() { Value = values.Select(v => v?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}
