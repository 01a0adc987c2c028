using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Domain.Notices;
using Npgsql;

namespace CreditMesh.Lists.Projections;

/// <summary>The listing_notices table and the reads of a subject's notices.</summary>
public static class NoticeQueries
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists listing_notices (
                notice_id text primary key, list_entry_id text not null, subject_code text not null, list_type text not null,
                basis_record_ids text[] not null, legal_basis text not null, issued_at timestamptz not null, objection_deadline timestamptz not null);
            create index if not exists listing_notices_subject on listing_notices (subject_code, issued_at desc);
            -- When each objection was raised (DESIGN §4.9: only one raised before the deadline holds the entry); after entry_objections exists.
            alter table entry_objections add column if not exists opened_at timestamptz;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The subject's notices, newest first, each with whether an objection came in time.</summary>
    public static async Task<IReadOnlyList<(NoticeIssued Notice, bool ObjectedInTime)>> OfSubjectAsync(NpgsqlDataSource dataSource, string subjectCode,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select n.notice_id, n.list_entry_id, n.list_type, n.subject_code, n.basis_record_ids, n.legal_basis, n.objection_deadline, n.issued_at,
                   exists (select 1 from entry_objections o where o.list_entry_id = n.list_entry_id and {EntryObjections.InTime("o", "n.objection_deadline")})
            from listing_notices n where n.subject_code = $1 order by n.issued_at desc, n.notice_id limit {ListEntryQueries.MaxItems}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
        var notices = new List<(NoticeIssued, bool)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            notices.Add((new NoticeIssued(reader.GetString(0), reader.GetString(1), Enum.Parse<ListType>(reader.GetString(2)), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)),
                reader.GetBoolean(8)));
        return notices;
    }
}
