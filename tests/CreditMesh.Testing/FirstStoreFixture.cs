using Npgsql;

namespace CreditMesh.Testing;

/// <summary>
/// The databases written by the first (hand-written) event store, recorded by tests/fixtures/first-store/record.py at
/// commit cf7df30, with the answers that system gave; restored into fresh databases for the upgrade tests.
/// </summary>
public static class FirstStoreFixture
{
    public static readonly string Directory = Path.Combine(RepositoryRoot(), "tests", "fixtures", "first-store");

    /// <summary>A new database holding the fixture's dump of <paramref name="service"/> (registry, ingestion, lists, matching, repair).</summary>
    public static async Task<string> RestoreAsync(TestPostgres postgres, string service)
    {
        var connectionString = await postgres.CreateDatabaseAsync("upgrade_" + service);
        // psql meta-commands (\restrict …) are not SQL; the rest runs as it was dumped.
        var sql = string.Join('\n', File.ReadAllLines(Path.Combine(Directory, service + ".sql")).Where(l => !l.StartsWith('\\')));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditMesh.sln"))) return dir.FullName;
        throw new InvalidOperationException($"CreditMesh.sln not found above {AppContext.BaseDirectory}");
    }
}
