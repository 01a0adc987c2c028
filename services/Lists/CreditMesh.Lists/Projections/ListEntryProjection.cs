using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Lists.Projections;

/// <summary>
/// The list_entries query table, updated in the append transaction (inline): one row per entry with its
/// stored status and version. Readers apply expiry themselves at read time (<see cref="ListEntryQueries"/>).
/// </summary>
public sealed class ListEntryProjection : IProjection
{
    public string Name => "list-entries";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not IEntryEvent e) continue;
            var state = stored.Version == 1 ? ListEntryState.Create(stored.Data) : (await LoadAsync(context, e.ListEntryId, ct)).Apply(stored.Data);
            await UpsertAsync(context, state, stored.Version, ct);
        }
    }

    /// <summary>The row as the state before this event (rebuilt from the row, enough for Apply).</summary>
    private static async Task<ListEntryState> LoadAsync(ProjectionContext context, string listEntryId, CancellationToken ct)
    {
        await using var command = context.Command("""
            select list_entry_id, list_type, subject_code, determined_by, basis_record_ids, rule, status, removal_reason, valid_from, valid_until,
                   objection_window_ends_at, suspended_by from list_entries where list_entry_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = listEntryId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"No list_entries row for {listEntryId}.");
        return ListEntryQueries.Read(reader);
    }

    private static async Task UpsertAsync(ProjectionContext context, ListEntryState s, long version, CancellationToken ct)
    {
        await using var command = context.Command("""
            insert into list_entries (list_entry_id, list_type, subject_code, determined_by, basis_record_ids, rule, status, removal_reason,
                                      valid_from, valid_until, objection_window_ends_at, suspended_by, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (list_entry_id) do update set status = excluded.status, removal_reason = excluded.removal_reason,
                valid_from = excluded.valid_from, valid_until = excluded.valid_until, suspended_by = excluded.suspended_by, version = excluded.version
            """);
        object Or(object? v) => v ?? DBNull.Value;
        command.Parameters.Add(new NpgsqlParameter { Value = s.ListEntryId });
        command.Parameters.Add(new NpgsqlParameter { Value = s.ListType.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = s.SubjectCode });
        command.Parameters.Add(new NpgsqlParameter { Value = s.DeterminedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = s.BasisRecordIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = s.Rule.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = s.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = Or(s.RemovalReason?.ToString()), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Or(s.ValidFrom?.ToUniversalTime()), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = s.ValidUntil.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Or(s.ObjectionWindowEndsAt?.ToUniversalTime()), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Or(s.SuspendedBy), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate list_entries", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists list_entries (
                list_entry_id text primary key, list_type text not null, subject_code text not null, determined_by text not null,
                basis_record_ids text[] not null, rule text not null, status text not null, removal_reason text,
                valid_from timestamptz, valid_until timestamptz not null, objection_window_ends_at timestamptz, suspended_by text, version bigint not null);
            create index if not exists list_entries_subject on list_entries (subject_code);
            create index if not exists list_entries_due on list_entries (valid_until) where status <> 'Removed';
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
