using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Prepares the database at start-up, retrying (bounded) while PostgreSQL is not up yet so services start in any
/// order: Marten's schema, the one-time import of a database written by the first store, the hash-chain and inbox
/// tables, then the service's read-model tables. Runs before the daemon, the relay and the consumers start.
/// </summary>
public sealed class EventStoreInitializer(IDocumentStore store, NpgsqlDataSource dataSource, EventStoreBuilder builder,
    IOptions<EventStoreOptions> options, ILogger<EventStoreInitializer> logger) : IHostedService
{
    private const long SchemaLockKey = 0x43_4D_45_53; // "CMES": replicas starting together take turns

    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Initialized => _initialized.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<System.Net.Sockets.SocketException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Database not ready yet (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Value.StartupTimeout)
            .Build();
        try
        {
            await pipeline.ExecuteAsync(InitializeAsync, cancellationToken);
            _initialized.TrySetResult();
        }
        catch (Exception e)
        {
            _initialized.TrySetException(e);
            throw;
        }
    }

    private async ValueTask InitializeAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var wait = new NpgsqlCommand($"select pg_advisory_lock({SchemaLockKey})", connection))
            await wait.ExecuteNonQueryAsync(ct);
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await using (var ddl = new NpgsqlCommand(HashChainSchema.Ddl + Inbox.Ddl, connection))
                await ddl.ExecuteNonQueryAsync(ct);
            var imported = await LegacyStoreImport.RunAsync(connection, store, logger, ct);
            if (imported > 0) logger.LogInformation("Imported {Events} events from the first event store into Marten", imported);
            foreach (var ensureCreated in builder.ReadModelSchemas) await ensureCreated(dataSource, ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({SchemaLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
