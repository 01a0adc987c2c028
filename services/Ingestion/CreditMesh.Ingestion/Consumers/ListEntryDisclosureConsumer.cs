using CreditMesh.Contracts;
using MassTransit;
using Npgsql;

namespace CreditMesh.Ingestion.Consumers;

/// <summary>
/// Disclosures show a subject's active list entries (DESIGN §5): ingestion keeps a local projection of the
/// lists service's events, never reading its database. Out-of-order delivery is harmless: each row keeps
/// the highest source version it has seen, and a removal is never undone by a late activation. A red entry
/// suspended by a black one (一票否决) is not shown until it is restored.
/// </summary>
public sealed class ListEntryDisclosureConsumer(NpgsqlDataSource dataSource)
    : IConsumer<ListEntryActivated>, IConsumer<ListEntryRemoved>, IConsumer<ListEntrySuspended>, IConsumer<ListEntryRestored>
{
    public Task Consume(ConsumeContext<ListEntryActivated> context)
    {
        var e = context.Message;
        return UpsertAsync(e.ListEntryId, e.SubjectCode, e.ListType, e.ValidUntil.ToUniversalTime(), removed: false, suspended: false, e.SourceVersion, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ListEntryRemoved> context)
    {
        var e = context.Message;
        return UpsertAsync(e.ListEntryId, e.SubjectCode, null, null, removed: true, suspended: false, e.SourceVersion, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ListEntrySuspended> context)
    {
        var e = context.Message;
        return UpsertAsync(e.ListEntryId, e.SubjectCode, null, null, removed: false, suspended: true, e.SourceVersion, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ListEntryRestored> context)
    {
        var e = context.Message;
        return UpsertAsync(e.ListEntryId, e.SubjectCode, null, e.ValidUntil.ToUniversalTime(), removed: false, suspended: false, e.SourceVersion, context.CancellationToken);
    }

    private async Task UpsertAsync(string id, string subject, string? listType, DateTimeOffset? validUntil, bool removed, bool suspended, long version,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
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
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)listType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)validUntil ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = removed });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = suspended });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists disclosed_list_entries (
                list_entry_id text primary key, subject_code text not null, list_type text not null, valid_until timestamptz not null,
                removed boolean not null, source_version bigint not null);
            alter table disclosed_list_entries add column if not exists suspended boolean not null default false;
            create index if not exists disclosed_list_entries_subject on disclosed_list_entries (subject_code);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
