using Npgsql;

namespace CreditMesh.Testing;

/// <summary>
/// A PostgreSQL server for tests: the one named by CREDITMESH_TEST_POSTGRES (an admin connection string),
/// or a throwaway cluster in a temp directory on a free loopback port (without fsync unless durable) and
/// stopped and deleted afterwards.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string? _dataDirectory;

    private TestPostgres(string adminConnectionString, string? dataDirectory)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
    }

    public string AdminConnectionString { get; }

    /// <summary>As infra/lib.sh starts PostgreSQL: the server log holds no statement, parameter, DETAIL or CONTEXT (ADR 0012).</summary>
    public const string LogOptions =
        "-c log_statement=none -c log_min_error_statement=panic -c log_error_verbosity=terse -c log_parameter_max_length=0 -c log_parameter_max_length_on_error=0";

    public static async Task<TestPostgres> StartAsync(bool durable = false)
    {
        if (Environment.GetEnvironmentVariable("CREDITMESH_TEST_POSTGRES") is { Length: > 0 } external)
            return new TestPostgres(external, null);

        var directory = Directory.CreateTempSubdirectory("creditmesh-pg-").FullName;
        var data = Path.Combine(directory, "data");
        if (ProcessRunner.IsRoot) await ProcessRunner.RunAsync("chown", ["postgres:postgres", directory], TimeSpan.FromSeconds(10));
        var port = ProcessRunner.FreePort();
        var initdb = ProcessRunner.AsUser("postgres", $"{BinDirectory}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        await ProcessRunner.RunAsync(initdb.File, initdb.Arguments, TimeSpan.FromMinutes(2));
        // Tests trade durability for speed; benchmarks keep PostgreSQL's defaults.
        var durability = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 {LogOptions}{durability}";
        var start = ProcessRunner.AsUser("postgres", $"{BinDirectory}/pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(directory, "server.log"), "-o", options);
        await ProcessRunner.RunAsync(start.File, start.Arguments, TimeSpan.FromSeconds(90));
        return new TestPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", directory);
    }

    /// <summary>A new empty database; each test class gets its own so tests cannot see each other's events.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>Stops and starts the server (fast shutdown), as an operator restart would.</summary>
    public async Task RestartAsync()
    {
        if (_dataDirectory is null) throw new InvalidOperationException("Only a throwaway server can be restarted by the tests.");
        var restart = ProcessRunner.AsUser("postgres", $"{BinDirectory}/pg_ctl", "restart", "-w", "-t", "60", "-m", "fast", "-D", Path.Combine(_dataDirectory, "data"));
        await ProcessRunner.RunAsync(restart.File, restart.Arguments, TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null) return;
        var stop = ProcessRunner.AsUser("postgres", $"{BinDirectory}/pg_ctl", "stop", "-w", "-t", "30", "-m", "immediate", "-D", Path.Combine(_dataDirectory, "data"));
        await ProcessRunner.RunAsync(stop.File, stop.Arguments, TimeSpan.FromSeconds(60), check: false);
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
