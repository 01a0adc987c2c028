using Microsoft.Extensions.Logging;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Wakes subscriptions when an append commits (LISTEN/NOTIFY), so they need not poll tightly.
/// Notifications are only a hint: subscriptions still poll at an interval, so a lost one delays, never loses.
/// </summary>
public sealed class EventNotifier(NpgsqlDataSource dataSource, ILogger<EventNotifier> logger)
{
    private TaskCompletionSource _signal = NewSignal();

    /// <summary>Completes at the next notification or after the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var signal = Volatile.Read(ref _signal).Task;
        await Task.WhenAny(signal, Task.Delay(timeout, ct));
        ct.ThrowIfCancellationRequested();
    }

    public void Signal() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();

    public async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand($"listen {EventStoreSchema.NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Event notification listener lost its connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
