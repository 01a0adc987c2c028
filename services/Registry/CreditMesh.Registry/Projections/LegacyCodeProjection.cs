using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// legacy code → subject(s), updated in the append transaction so resolve answers at once. A legacy code
/// may point at two subjects (重错码): both rows are kept and resolve reports the conflict.
/// </summary>
public sealed class LegacyCodeProjection : IProjection
{
    public string Name => "legacy-codes";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e.Data is not LegacyCodeLinked linked) continue;
            await context.ExecuteAsync(
                "insert into legacy_codes (legacy_code, subject_code, kind, linked_at) values ($1, $2, $3, $4) on conflict do nothing",
                ct, linked.LegacyCode, linked.Code, linked.Kind.ToString(), linked.LinkedAt);
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate legacy_codes", ct);

    public static async Task EnsureCreatedAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists legacy_codes (
                legacy_code text not null, subject_code text not null, kind text not null, linked_at timestamptz not null,
                primary key (legacy_code, subject_code));
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Subjects a legacy code points at (more than one is a 重错码 conflict).</summary>
    public static async Task<IReadOnlyList<(string Subject, string Kind)>> FindAsync(Npgsql.NpgsqlDataSource dataSource, string legacyCode, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select subject_code, kind from legacy_codes where legacy_code = $1 order by subject_code");
        command.Parameters.AddWithValue(legacyCode);
        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add((reader.GetString(0), reader.GetString(1)));
        return found;
    }
}
