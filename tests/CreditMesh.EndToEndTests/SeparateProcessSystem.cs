using System.Diagnostics;
using System.Globalization;
using CreditMesh.Testing;

namespace CreditMesh.EndToEndTests;

/// <summary>
/// CreditMesh as the README runs it: <c>infra/run.sh</c> starts PostgreSQL, RabbitMQ, the services and the
/// gateway as separate processes (on free loopback ports and in a directory of this run, so a developer's own
/// stack is left alone), and <c>infra/stop.sh</c> stops them. Fault tests use the same scripts' PID files and
/// functions to kill and restart parts of it.
/// </summary>
[SetUpFixture]
public sealed class SeparateProcessSystem
{
    public static readonly string[] ServiceNames = ["registry", "ingestion", "lists", "matching", "repair", "evaluation"];
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(6);

    public static string Repository { get; } = FindRepository();
    public static Dictionary<string, string> Environment { get; } = [];
    public static string GatewayAddress { get; private set; } = "";
    public static int PostgresPort { get; private set; }
    public static int ServicePortBase { get; private set; }
    private static string _directory = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("creditmesh-e2e-").FullName;
        // The postgres and rabbitmq users keep their data below it, so they must be able to enter it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        PostgresPort = ProcessRunner.FreePort();
        ServicePortBase = FreePortBlock();
        var gatewayPort = ProcessRunner.FreePort();
        Environment["CM_LOCAL_DIR"] = _directory;
        Environment["CM_PG_PORT"] = PostgresPort.ToString(CultureInfo.InvariantCulture);
        Environment["CM_RABBIT_PORT"] = ProcessRunner.FreePort().ToString(CultureInfo.InvariantCulture);
        Environment["CM_RABBIT_DIST_PORT"] = ProcessRunner.FreePort().ToString(CultureInfo.InvariantCulture);
        Environment["CM_RABBIT_NODE"] = $"cme2e{Guid.NewGuid():N}"[..13] + "@localhost";
        Environment["CM_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        Environment["CM_SERVICE_PORT_BASE"] = ServicePortBase.ToString(CultureInfo.InvariantCulture);
        Environment["CM_READY_TIMEOUT"] = "240";
        // Request lines (method and URL) in every host's log, so the log test sees redaction at work, not an empty log.
        Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        GatewayAddress = $"http://localhost:{gatewayPort}";
        await RunScriptAsync("run.sh", "--no-build");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        try
        {
            await RunScriptAsync("stop.sh");
        }
        finally
        {
            KeepLogs();
            TryDelete(_directory);
        }
    }

    /// <summary>Runs infra/run.sh again: it reuses what runs and starts what is missing, then waits until all are ready.</summary>
    public static Task RestartMissingAsync() => RunScriptAsync("run.sh", "--no-build");

    /// <summary>kill -9 of one service (or the gateway), by the PID file run.sh wrote; returns once the process is gone.</summary>
    public static async Task KillAsync(string name)
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(_directory, "pids", name + ".pid"))).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Calls one of infra/lib.sh's functions with this run's configuration (e.g. stop_rabbitmq).</summary>
    public static Task<string> LibAsync(string command) =>
        ProcessRunner.RunAsync("bash", ["-c", $"set -euo pipefail; cd '{Repository}'; source infra/lib.sh; cm_config \"$PWD\"; {command}"],
            ScriptTimeout, Environment);

    public static Task<string> StopRabbitMqAsync() => LibAsync("stop_rabbitmq \"$CM_RABBIT_NODE\" \"$CM_RABBIT_DIR\"");
    public static Task<string> StopPostgresAsync() => LibAsync("stop_postgres \"$CM_PG_DIR\"");

    public static string ConnectionString(string service) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=creditmesh;Password=creditmesh;Database=creditmesh_{service};Pooling=false";

    public static string ServiceAddress(string service) =>
        $"http://127.0.0.1:{ServicePortBase + Array.IndexOf(ServiceNames, service) + 1}";

    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var output = await ProcessRunner.RunAsync("bash", [Path.Combine(Repository, "infra", script), .. arguments], ScriptTimeout,
            Environment, check: false);
        TestContext.Progress.WriteLine($"infra/{script} {string.Join(' ', arguments)}:\n{output}");
        if (!output.Contains(script == "run.sh" ? "CreditMesh is running." : "CreditMesh stopped", StringComparison.Ordinal))
            Assert.Fail($"infra/{script} did not finish as expected:\n{output}\n{LogTails()}");
        return output;
    }

    /// <summary>This run's logs so far: each service's and the gateway's, the seed's and PostgreSQL's (run.sh links it in).</summary>
    public static IReadOnlyList<string> LogFiles() => Directory.GetFiles(Path.Combine(_directory, "logs"), "*.log");

    public static string LogTails()
    {
        var logs = Path.Combine(_directory, "logs");
        if (!Directory.Exists(logs)) return "";
        return string.Join("\n", Directory.GetFiles(logs, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join("\n", File.ReadLines(f).TakeLast(15))}"));
    }

    /// <summary>Consecutive free ports above a base, one per service (services listen on base+1, base+2…).</summary>
    private static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20000, 30000);
            if (Enumerable.Range(candidate + 1, ServiceNames.Length).All(IsFree)) return candidate;
        }
        throw new InvalidOperationException($"No block of {ServiceNames.Length} free loopback ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditMesh.sln"))) return dir.FullName;
        throw new InvalidOperationException("CreditMesh.sln not found above the test output directory.");
    }

    /// <summary>The run's service logs outlive it in .local/e2e-logs, for reading after a failure (CI keeps the checkout).</summary>
    private static void KeepLogs()
    {
        var logs = Path.Combine(_directory, "logs");
        if (!Directory.Exists(logs)) return;
        var kept = Path.Combine(Repository, ".local", "e2e-logs");
        TryDelete(kept);
        Directory.CreateDirectory(kept);
        foreach (var file in Directory.GetFiles(logs, "*.log")) File.Copy(file, Path.Combine(kept, Path.GetFileName(file)), overwrite: true);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
