using System.Diagnostics;

namespace CreditMesh.Testing;

/// <summary>
/// A RabbitMQ broker for tests: the one named by CREDITMESH_TEST_RABBITMQ ("host:port", guest/guest),
/// or a throwaway node with its own name, ports and directories on loopback, stopped and deleted afterwards.
/// </summary>
public sealed class TestRabbitMq : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly Process? _server;
    private readonly Dictionary<string, string> _environment;

    private TestRabbitMq(string host, int port, string? node, string? directory, Process? server, Dictionary<string, string> environment)
    {
        Host = host;
        Port = port;
        Node = node;
        _directory = directory;
        _server = server;
        _environment = environment;
    }

    public string Host { get; }
    public int Port { get; }
    public string? Node { get; }
    public string Username => "guest";
    public string Password => "guest";

    private const string LoopbackDistribution = "-kernel inet_dist_use_interface {127,0,0,1}";

    public static async Task<TestRabbitMq> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CREDITMESH_TEST_RABBITMQ") is { Length: > 0 } external)
        {
            var parts = external.Split(':');
            return new TestRabbitMq(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), null, null, null, []);
        }

        var directory = Directory.CreateTempSubdirectory("creditmesh-mq-").FullName;
        var plugins = Path.Combine(directory, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].");
        if (ProcessRunner.IsRoot) await ProcessRunner.RunAsync("chown", ["-R", "rabbitmq:rabbitmq", directory], TimeSpan.FromSeconds(10));
        var port = ProcessRunner.FreePort();
        var node = $"cmtest{Guid.NewGuid():N}"[..16] + "@localhost";
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = ProcessRunner.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            // Erlang distribution on loopback only, like AMQP: epmd (if this starts it) and the node's dist port.
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackDistribution,
            ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackDistribution,
        };
        var start = new ProcessStartInfo("rabbitmq-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start rabbitmq-server.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var broker = new TestRabbitMq("127.0.0.1", port, node, directory, server, environment);
        try
        {
            await ProcessRunner.RunAsync("rabbitmqctl", ["-n", node, "wait", environment["RABBITMQ_PID_FILE"], "--timeout", "90"], TimeSpan.FromSeconds(120), environment);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh virtual host (guest may use it), so a test's exchanges and queues are its own.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        if (Node is null) return "/";
        var name = $"test-{Guid.NewGuid():N}";
        await Control("add_vhost", name);
        await Control("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return name;
    }

    /// <summary>Stops the broker node (its queues survive on disk), as an outage would.</summary>
    public Task StopAppAsync() => Control("stop_app");

    public Task StartAppAsync() => Control("start_app");

    /// <summary>Runs rabbitmqctl against this node (e.g. list_queues).</summary>
    public Task<string> Control(params string[] arguments)
    {
        if (Node is null) throw new InvalidOperationException("Only a throwaway broker can be controlled by the tests.");
        return ProcessRunner.RunAsync("rabbitmqctl", new[] { "-n", Node, "-q" }.Concat(arguments), TimeSpan.FromSeconds(60), _environment);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || _directory is null) return;
        await ProcessRunner.RunAsync("rabbitmqctl", ["-n", Node!, "stop"], TimeSpan.FromSeconds(60), _environment, check: false);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _server.WaitForExitAsync(exited.Token); }
        catch (OperationCanceledException) { _server.Kill(entireProcessTree: true); }
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
