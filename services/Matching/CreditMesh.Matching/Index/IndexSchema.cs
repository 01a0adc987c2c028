using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Matching's own copy of the lists it matches against (ADR 8):
/// <c>list_entries</c> is each entry's current state (the start-up snapshot of every replica),
/// <c>list_entry_history</c> one row per list event (for asOf replays),
/// <c>legal_representatives</c> (+ history) the organisation → legal representative links for association, and
/// <c>index_changes</c> the ordered log every replica tails into memory. Writers hold one advisory lock, so
/// sequence order is commit order and a tailer never skips a row committed late.
/// </summary>
public static class IndexSchema
{
    public const long WriterLock = 0x4D41_5443_4831; // "MATCH1"
    public const string Channel = "matching_index";

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists list_entries (
                list_entry_id text primary key, subject_code text not null, list_type text, determined_by text,
                valid_from timestamptz, valid_until timestamptz, status text not null, status_version bigint not null);
            create index if not exists list_entries_subject on list_entries (subject_code);
            create table if not exists list_entry_history (
                list_entry_id text not null, source_version bigint not null, subject_code text not null, status text not null,
                valid_until timestamptz, effective_at timestamptz not null, primary key (list_entry_id, source_version));
            create index if not exists list_entry_history_subject on list_entry_history (subject_code, effective_at);
            create table if not exists legal_representatives (
                organisation_code text primary key, id_number text not null, from_registry boolean not null, source_version bigint not null);
            create table if not exists legal_representative_history (
                organisation_code text not null, id_number text not null, effective_at timestamptz not null);
            create index if not exists legal_representative_history_person on legal_representative_history (id_number);
            create index if not exists legal_representative_history_org on legal_representative_history (organisation_code, effective_at);
            create table if not exists index_changes (
                seq bigint generated always as identity primary key, subject_code text not null, list_entry_id text,
                list_type text, determined_by text, valid_from timestamptz, valid_until timestamptz, hits boolean not null default false,
                representative text);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
