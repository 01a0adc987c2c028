using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditMesh.EventStore;

/// <summary>
/// Runs every registered subscription (async projections, the outbox relay) in its own loop: read a batch
/// after the checkpoint, handle it, save the checkpoint, repeat; wait for a notification when caught up;
/// back off (bounded) after a failure and resume from the last saved checkpoint.
/// </summary>
public sealed class SubscriptionDaemon(
    EventStore store,
    IEnumerable<IEventSubscription> subscriptions,
    EventNotifier notifier,
    EventStoreInitializer initializer,
    IOptions<EventStoreOptions> options,
    ILogger<SubscriptionDaemon> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, SubscriptionStatus> _status = new();
    private readonly SubscriptionRunner _runner = new(store);

    public IReadOnlyDictionary<string, SubscriptionStatus> Status => _status;

    /// <summary>True once every subscription has reached the head of the store at least once since start.</summary>
    public bool AllCaughtUp => subscriptions.All(s => _status.TryGetValue(s.Name, out var status) && status.CaughtUp);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await initializer.Initialized.WaitAsync(stoppingToken);
        var loops = subscriptions.Select(s => Task.Run(() => RunAsync(s, stoppingToken), stoppingToken)).ToList();
        loops.Add(notifier.ListenAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task RunAsync(IEventSubscription subscription, CancellationToken ct)
    {
        var failures = 0;
        var settings = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var handled = await _runner.RunOnceAsync(subscription, ct);
                failures = 0;
                if (handled == subscription.BatchSize) continue;
                if (handled >= 0) _status[subscription.Name] = new SubscriptionStatus(true, store.Time.GetUtcNow(), null);
                await notifier.WaitAsync(settings.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(settings.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(e, "Subscription {Subscription} failed ({Failures} in a row); retrying in {Delay}", subscription.Name, failures, delay);
                _status[subscription.Name] = (_status.GetValueOrDefault(subscription.Name) ?? new SubscriptionStatus(false, null, null)) with { LastError = e.Message };
                await Task.Delay(delay, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

public sealed record SubscriptionStatus(bool CaughtUp, DateTimeOffset? LastCaughtUpAt, string? LastError);
