using System.Collections.Concurrent;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Domain.Deliveries;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Exchange.Delivery;

/// <summary>
/// Delivers pushes (DESIGN §4.10): at least once, in order per subscription — a subscription's next delivery waits until the one
/// before it was delivered (or given up after Exchange:Delivery:GiveUpAfter) — with bounded exponential backoff between rounds.
/// Each subscription is worked through by its own task, so a slow or failing subscriber holds one slot and never the others; across
/// replicas a lease per subscription keeps one deliverer per subscription (a crashed replica's lease runs out).
/// </summary>
public sealed class DeliveryDispatcher(DeliveryLog log, DeliverySender sender, DeliverySignal signal, EventStoreInitializer schema,
    IOptions<ExchangeOptions> options, TimeProvider time, ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly Guid _replica = Guid.NewGuid();
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(options.Value.Delivery.MaxConcurrentSubscriptions);
    private DeliveryOptions Delivery => options.Value.Delivery;

    /// <summary>Long enough for one round (every quick retry at its timeout), renewed before each delivery.</summary>
    private TimeSpan LeaseTime => Delivery.AttemptTimeout * (Delivery.QuickRetries + 2) + TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Initialized.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var subscription in await log.DueSubscriptionsAsync(time.GetUtcNow(), [.. _running.Keys], Delivery.MaxConcurrentSubscriptions,
                             stoppingToken))
                {
                    if (!_slots.Wait(0)) break; // every slot busy: the rest wait for the next round
                    if (!_running.TryAdd(subscription, 0))
                    {
                        _slots.Release();
                        continue;
                    }
                    _ = Task.Run(() => DrainAsync(subscription, stoppingToken), CancellationToken.None);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Looking for due deliveries failed; trying again");
            }
            try
            {
                await signal.WaitAsync(Delivery.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task DrainAsync(string subscriptionId, CancellationToken ct)
    {
        var leased = false;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (!await log.LeaseAsync(subscriptionId, _replica, now, now + LeaseTime, ct)) return; // another replica delivers it
                leased = true;
                if (!await DeliverHeadAsync(subscriptionId, ct)) break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Delivering to subscription {Subscription} stopped; it is picked up again on the next round", subscriptionId);
        }
        finally
        {
            if (leased) await ReleaseQuietlyAsync(subscriptionId);
            _running.TryRemove(subscriptionId, out _);
            _slots.Release();
        }
    }

    /// <summary>Tries the oldest pending delivery; true when the next one may follow at once.</summary>
    private async Task<bool> DeliverHeadAsync(string subscriptionId, CancellationToken ct)
    {
        var head = await log.HeadAsync(subscriptionId, ct);
        if (head is null || !head.SubscriptionActive || head.NextAttemptAt > time.GetUtcNow()) return false;
        var outcome = await sender.SendAsync(head, ct);
        var now = time.GetUtcNow();
        if (outcome.Delivered)
        {
            await log.RecordAttemptAsync(head, DeliveryLog.Delivered, outcome.ResponseStatus, null, now, null, ct);
            return true;
        }
        var givingUp = now - head.CreatedAt >= Delivery.GiveUpAfter;
        var next = now + DeliveryBackoff.After(head.Attempts + 1, Delivery.InitialBackoff, Delivery.MaxBackoff);
        await log.RecordAttemptAsync(head, givingUp ? DeliveryLog.Failed : DeliveryLog.Pending, outcome.ResponseStatus, outcome.Error, now,
            givingUp ? null : next, ct);
        if (!givingUp)
            logger.LogInformation("Delivery {Delivery} to subscription {Subscription} failed ({Error}); next attempt at {Next}",
                head.DeliveryId, subscriptionId, outcome.Error, next);
        return givingUp;
    }

    private async Task ReleaseQuietlyAsync(string subscriptionId)
    {
        try
        {
            await log.ReleaseAsync(subscriptionId, _replica, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The lease runs out by itself.
        }
    }
}
