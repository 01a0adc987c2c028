using CreditMesh.Testing;

namespace CreditMesh.IntegrationTests;

/// <summary>One real PostgreSQL and one real RabbitMQ for the whole assembly, started once and stopped at the end.</summary>
[SetUpFixture]
public sealed class Infrastructure
{
    private static TestPostgres? _postgres;
    private static Task<TestRabbitMq>? _rabbitMq;

    public static TestPostgres Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL is not started.");

    /// <summary>The broker starts in the background with the database and is awaited by the tests that need it.</summary>
    public static Task<TestRabbitMq> RabbitMq => _rabbitMq ?? throw new InvalidOperationException("RabbitMQ is not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _rabbitMq = TestRabbitMq.StartAsync();
        _postgres = await TestPostgres.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_rabbitMq is not null) await (await _rabbitMq).DisposeAsync();
    }
}
