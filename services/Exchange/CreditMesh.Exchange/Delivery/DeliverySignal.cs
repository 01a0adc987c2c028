namespace CreditMesh.Exchange.Delivery;

/// <summary>Wakes the dispatcher when this replica planned deliveries, so a push does not wait for the next poll (DESIGN §6: 2 s p95).</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    public void Notify()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every delivery planned before it.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pulse.WaitAsync(timeout, ct);
}
