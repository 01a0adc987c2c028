namespace CreditMesh.Testing;

/// <summary>
/// The one way tests wait for something another process or consumer does (STYLE: no sleeps where an event can be
/// awaited, and nothing waits forever): ask again every <see cref="Interval"/> until the condition holds, treating a
/// system that is still recovering (connection refused, timed out) as "not yet", and fail with what was seen last.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Asks <paramref name="probe"/> until its answer satisfies <paramref name="until"/>; returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string what, TimeSpan? timeout = null,
        CancellationToken ct = default, Func<string>? context = null)
    {
        var limit = timeout ?? DefaultTimeout;
        // Timeout.InfiniteTimeSpan: bounded by the caller's token alone (a test's CancelAfter).
        var deadline = limit == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + limit;
        var seen = "nothing yet";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var value = await probe();
                if (until(value)) return value;
                seen = value?.ToString() ?? "null";
            }
            catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
            {
                seen = e.GetType().Name + ": " + e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {limit.TotalSeconds:0.#} s: {what}. Last seen: {seen}{(context is null ? "" : "\n" + context())}");
            await Task.Delay(Interval, ct);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken ct = default,
        Func<string>? context = null) =>
        UntilAsync(condition, holds => holds, what, timeout, ct, context);

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or TaskCanceledException or TimeoutException or Npgsql.NpgsqlException or System.Net.Sockets.SocketException;
}
