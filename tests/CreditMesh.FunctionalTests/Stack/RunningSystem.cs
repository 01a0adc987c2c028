extern alias Registry;
extern alias Ingestion;
extern alias Lists;
extern alias Matching;
extern alias Repair;
extern alias Evaluation;
extern alias Exchange;
using CreditMesh.Contracts;
using CreditMesh.Testing;
using MassTransit;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// The services and the gateway in-process, each on its own loopback port, over a real
/// PostgreSQL (one database per service) and a real RabbitMQ: started once for the tests in this namespace.
/// </summary>
[SetUpFixture]
public sealed class RunningSystem
{
    public static readonly LogCapture Logs = new();
    public static readonly SpanCapture Spans = new();
    private static readonly List<IAsyncDisposable> Running = [];
    private static TestPostgres? _postgres;
    private static TestRabbitMq? _rabbitMq;

    public static Host<Program> Gateway { get; private set; } = null!;
    public static TestRabbitMq Broker => _rabbitMq!;
    public static Dictionary<string, string> Databases { get; } = [];
    public static Dictionary<string, IServiceProvider> Services { get; } = [];
    public static IReadOnlyDictionary<string, string> ServiceAddresses { get; private set; } = null!;

    public static HttpClient Client(string? token = null, bool direct = false, string? service = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(direct ? ServiceAddresses[service!] : Gateway.Address) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Connects a bus to the system's broker, as another service or member unit would.</summary>
    public static IBusControl ConnectBus(Action<IRabbitMqBusFactoryConfigurator>? configure = null) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Broker.Host, (ushort)Broker.Port, "/", h =>
            {
                h.Username(Broker.Username);
                h.Password(Broker.Password);
            });
            configure?.Invoke(cfg);
        });

    /// <summary>Publishes integration events as their owning services would: each in an envelope of its own (ADR 0018).</summary>
    public static async Task PublishAsync(CancellationToken ct, params object[] messages)
    {
        var bus = ConnectBus();
        await bus.StartAsync(ct);
        try
        {
            foreach (var message in messages.Select(m => m is IIntegrationEvent e ? EventBatch.Of(e) : m))
                await bus.Publish(message, message.GetType(), ct);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var broker = TestRabbitMq.StartAsync();
        var postgres = _postgres = await TestPostgres.StartAsync();
        var rabbitMq = _rabbitMq = await broker;
        var addresses = new Dictionary<string, string>();
        async Task Start<TProgram>(string service) where TProgram : class
        {
            var settings = new Dictionary<string, string?>
            {
                ["EventStore:ConnectionString"] = Databases[service] = await postgres.CreateDatabaseAsync(service.ToLowerInvariant()),
                ["Archive:GapRefillAfter"] = "00:00:00.500",
                // Windows and validities that end by themselves reach the stored evaluation within a second.
                ["Evaluation:ReviewInterval"] = "00:00:01",
                
                // Push deliveries retry quickly here, so a subscriber that comes back is served within a test's patience.
                ["Exchange:Delivery:InitialBackoff"] = "00:00:00.200",
                ["Exchange:Delivery:MaxBackoff"] = "00:00:01",
                ["Exchange:Delivery:AttemptTimeout"] = "00:00:02",
                ["Exchange:Delivery:QuickRetries"] = "1",
                ["Exchange:Delivery:PollInterval"] = "00:00:00.100",
                ["Exchange:ExpiryInterval"] = "00:00:00.500",

                ["RabbitMq:Host"] = rabbitMq.Host,
                ["RabbitMq:Port"] = rabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RabbitMq:VirtualHost"] = "/",
                ["RabbitMq:WaitUntilStarted"] = "true",
            };
            var host = new Host<TProgram>(settings, Logs, Spans).Start();
            Running.Add(host);
            Services[service] = host.Services;
            addresses[service] = host.Address;
        }
        await Start<Registry::Program>("Registry");
        await Start<Ingestion::Program>("Ingestion");
        await Start<Lists::Program>("Lists");
        await Start<Matching::Program>("Matching");
        await Start<Repair::Program>("Repair");
        await Start<Evaluation::Program>("Evaluation");
        await Start<Exchange::Program>("Exchange");
        ServiceAddresses = addresses;
        var gateway = addresses.ToDictionary(a => $"Services:{a.Key}", a => (string?)a.Value);
        // Every test calls from 127.0.0.1, polling public routes among others: one anonymous bucket would throttle the suite.
        // GatewayTests show the limits themselves.
        gateway["RateLimits:AnonymousPerSecond"] = "100000";
        Gateway = new Host<Program>(gateway, Logs, Spans).Start();
        Running.Add(Gateway);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // The hosts' own log, for reading after a failed run.
        await File.WriteAllLinesAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "hosts.log"), Logs.Lines);
        foreach (var host in Enumerable.Reverse(Running)) await host.DisposeAsync();
        if (_rabbitMq is not null) await _rabbitMq.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
