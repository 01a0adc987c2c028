using System.Collections.Concurrent;
using System.Text.Json;
using CreditMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>One delivery as a subscriber received it: the raw body (what the signature covers), its headers and the parsed JSON.</summary>
public sealed record ReceivedDelivery(byte[] RawBody, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(RawBody).RootElement.Clone();
    public string Event => Json.GetProperty("event").GetString()!;
}

/// <summary>
/// A subscriber's callback endpoint: a real HTTP server on a loopback port (allow-listed in Development), recording what it
/// receives and answering as the test says (200 by default). It can be stopped and started again on the same port.
/// </summary>
public sealed class CallbackListener : IAsyncDisposable
{
    private WebApplication? _app;

    public CallbackListener(int? port = null) => Port = port ?? ProcessRunner.FreePort();

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    /// <summary>How to answer a delivery; 200 when null.</summary>
    public Func<HttpContext, Task>? Respond { get; set; }

    public static async Task<CallbackListener> StartedAsync()
    {
        var listener = new CallbackListener();
        await listener.StartAsync();
        return listener;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapPost("/hooks", async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            Received.Enqueue(new ReceivedDelivery(buffer.ToArray(),
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), DateTimeOffset.UtcNow));
            if (Respond is { } respond) await respond(http);
            else http.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Waits (bounded by the test's token) until at least <paramref name="count"/> deliveries arrived.</summary>
    public Task<List<ReceivedDelivery>> UntilReceivedAsync(int count, CancellationToken ct) =>
        Eventually.UntilAsync(() => Task.FromResult(Received.ToList()), r => r.Count >= count, $"{count} deliveries at {Url}", Timeout.InfiniteTimeSpan, ct);

    /// <summary>Waits (bounded by the test's token) for a delivery that <paramref name="match"/> accepts, when others may come too.</summary>
    public async Task<ReceivedDelivery> UntilReceivedAsync(Func<ReceivedDelivery, bool> match, string what, CancellationToken ct) =>
        (await Eventually.UntilAsync(() => Task.FromResult(Received.ToList()), r => r.Any(match), $"{what} at {Url}", Timeout.InfiniteTimeSpan, ct)).First(match);

    public ValueTask DisposeAsync() => new(StopAsync());
}
