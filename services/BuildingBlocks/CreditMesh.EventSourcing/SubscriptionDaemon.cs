using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditMesh.EventSourcing;

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
    private readonly ConcurrentDictionary<string, int> _generations = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, SubscriptionStatus> Status => _status;

    /// <summary>True once every subscription has reached the head of the store at least once since start.</summary>
    public bool AllCaughtUp => subscriptions.All(s => _status.TryGetValue(s.Name, out var status) && status.CaughtUp);

    /// <summary>Completes once the subscription has handled every event up to and including <paramref name="position"/>.</summary>
    public async Task WaitForAsync(string subscription, Checkpoint position, CancellationToken ct)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (_status.TryGetValue(subscription, out var status) && status.Position.CompareTo(position) >= 0) return;
            await changed.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Rebuilds an async projection from zero while the daemon runs: its progress starts again from the
    /// beginning, and a batch that was in flight during the rebuild does not report stale progress.
    /// </summary>
    public async Task RebuildAsync(AsyncProjection projection, CancellationToken ct = default)
    {
        await new ProjectionRebuilder(store).RebuildAsync(projection, ct);
        _generations.AddOrUpdate(projection.Name, 1, (_, g) => g + 1);
        Report(projection.Name, _ => SubscriptionStatus.Initial);
    }

    private void Report(string subscription, Func<SubscriptionStatus, SubscriptionStatus> update)
    {
        _status.AddOrUpdate(subscription, _ => update(SubscriptionStatus.Initial), (_, current) => update(current));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

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
                var generation = _generations.GetValueOrDefault(subscription.Name);
                var (handled, position) = await _runner.RunOnceAsync(subscription, ct);
                failures = 0;
                if (handled >= 0 && generation == _generations.GetValueOrDefault(subscription.Name))
                    Report(subscription.Name, s => s with
                    {
                        Position = position,
                        CaughtUp = s.CaughtUp || handled < subscription.BatchSize,
                        LastError = null,
                    });
                if (handled == subscription.BatchSize) continue;
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
                Report(subscription.Name, s => s with { LastError = e.Message });
                await Task.Delay(delay, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>Where a subscription is, whether it has reached the head of the store since start, and its last error.</summary>
public sealed record SubscriptionStatus(Checkpoint Position, bool CaughtUp, string? LastError)
{
    public static readonly SubscriptionStatus Initial = new(Checkpoint.Start, false, null);
}
