using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using Npgsql;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// subject_directory: code, name and kind of every subject, written in the append transaction, so the
/// public portal (信用门户) can find a subject by part of its name. Rebuildable from the subject streams.
/// </summary>
public sealed class SubjectDirectoryProjection : IProjection
{
    public string Name => "subject-directory";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SubjectRegistered registered:
                    await context.ExecuteAsync("""
                        insert into subject_directory (code, name, kind, deregistered) values ($1, $2, $3, false)
                        on conflict (code) do update set name = excluded.name, kind = excluded.kind
                        """, ct, registered.Code, registered.Name, registered.Kind.ToString());
                    break;
                case SubjectUpdated updated:
                    await context.ExecuteAsync("update subject_directory set name = $2 where code = $1", ct, updated.Code, updated.Name);
                    break;
                case SubjectDeregistered deregistered:
                    await context.ExecuteAsync("update subject_directory set deregistered = true where code = $1", ct, deregistered.Code);
                    break;
            }
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate subject_directory", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists subject_directory (
                code text primary key, name text not null, kind text not null, deregistered boolean not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
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
}
