using Npgsql;

namespace CreditMesh.Registry.Projections;

/// <summary>The registry's read models: tables (created at start) and the queries the API asks of them.</summary>
public static class SubjectQueries
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists legacy_codes (
                legacy_code text not null, subject_code text not null, kind text not null, linked_at timestamptz not null,
                primary key (legacy_code, subject_code));
            create table if not exists subject_directory (
                code text primary key, name text not null, kind text not null, deregistered boolean not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Subjects a legacy code points at (more than one is a 重错码 conflict).</summary>
    public static async Task<IReadOnlyList<(string Subject, string Kind)>> LegacyCodeAsync(NpgsqlDataSource dataSource, string legacyCode, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select subject_code, kind from legacy_codes where legacy_code = $1 order by subject_code");
        command.Parameters.AddWithValue(legacyCode);
        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetString(1)));
        return found;
    }

    public sealed record DirectoryEntry(string Code, string Name, string Kind, bool Deregistered);

    /// <summary>
    /// Organisations whose name contains the text, at most <paramref name="limit"/>, shortest names first (the
    /// exact company usually). Natural persons are left out: a name must not lead the public to a person's
    /// resident ID number (DESIGN §7); a person is looked up by the code the searcher already knows.
    /// </summary>
    public static async Task<IReadOnlyList<DirectoryEntry>> SearchAsync(NpgsqlDataSource dataSource, string text, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select code, name, kind, deregistered from subject_directory
            where kind <> 'NaturalPerson' and strpos(name, $1) > 0
            order by length(name), name, code limit $2
            """);
        command.Parameters.AddWithValue(text);
        command.Parameters.AddWithValue(limit);
        var found = new List<DirectoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new DirectoryEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        return found;
    }

    /// <summary>Which of these streams exist already.</summary>
    public static async Task<HashSet<string>> ExistingStreamsAsync(NpgsqlDataSource dataSource, string[] streamIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select id from mt_streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) known.Add(reader.GetString(0));
        return known;
    }
}
