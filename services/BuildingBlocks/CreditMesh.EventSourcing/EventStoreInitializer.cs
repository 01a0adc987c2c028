using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Creates or migrates the schema (and the service's read-model tables) at start-up, retrying (bounded) while the database is not up yet,
/// so services can start before PostgreSQL in any order.
/// </summary>
public sealed class EventStoreInitializer(EventStore store, IOptions<EventStoreOptions> options, ILogger<EventStoreInitializer> logger,
    IReadOnlyList<Func<NpgsqlDataSource, CancellationToken, Task>>? readModels = null) : IHostedService
{
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
                    logger.LogWarning(args.Outcome.Exception, "Database not reachable yet (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Value.StartupTimeout)
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                await store.InitializeAsync(ct);
                foreach (var ensureCreated in readModels ?? []) await ensureCreated(store.DataSource, ct);
            }, cancellationToken);
            _initialized.TrySetResult();
        }
        catch (Exception e)
        {
            _initialized.TrySetException(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
