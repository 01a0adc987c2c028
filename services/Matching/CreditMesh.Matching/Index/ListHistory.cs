using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>
/// The entries that were in force for a subject at a past instant, from the list history in PostgreSQL (auditor
/// replay, DESIGN §4.6): each entry's latest event known by then, and the legal representative links of then.
/// </summary>
public sealed class ListHistory(NpgsqlDataSource dataSource)
{
    public async Task<List<EntryFound>> FindAsync(string subjectCode, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            with represented as (
                select organisation_code from (
                    select distinct on (organisation_code) organisation_code, id_number from legal_representative_history
                    where organisation_code in (select organisation_code from legal_representative_history where id_number = $1) and effective_at <= $2
                    order by organisation_code, effective_at desc) latest
                where id_number = $1)
            select distinct on (h.list_entry_id) h.list_entry_id, h.subject_code, h.status, coalesce(h.valid_until, e.valid_until),
                   e.list_type, e.determined_by, e.valid_from
            from list_entry_history h join list_entries e using (list_entry_id)
            where (h.subject_code = $1 or h.subject_code in (select organisation_code from represented)) and h.effective_at <= $2
            order by h.list_entry_id, h.source_version desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.UtcDateTime });
        var found = new List<EntryFound>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetString(2) != nameof(EntryStatus.Active) || reader.IsDBNull(3) || reader.IsDBNull(4) || reader.IsDBNull(6)) continue;
            var entry = new ActiveEntry(reader.GetString(0), Enum.Parse<ListType>(reader.GetString(4)), reader.IsDBNull(5) ? "" : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(3));
            if (!entry.InForceAt(asOf)) continue;
            var owner = reader.GetString(1);
            if (owner == subjectCode) found.Add(new EntryFound(entry));
            else if (entry.ListType == ListType.CourtDefaulter)
                found.Add(new EntryFound(entry, new Association(Association.LegalRepresentative, owner)));
        }
        return found;
    }
}
