using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditMesh.Testing;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §4.10/§6: a list change reaches a push subscriber within 2 s (p95). An approver subscribes, for the subjects of the run,
/// to ListEntryActivated at a local HTTP listener; then, one at a time, a court submits a court-defaulter record through the gateway
/// (lists activates the entry at once) and the time runs from the 201 to the listener holding a delivery whose signature checks
/// (HMAC-SHA256 over the raw body with the secret from the 201). Needs ingestion → lists → exchange running (infra/run.sh).
/// </summary>
public static class PushLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Args.Text(args, "--url", "http://localhost:8080");
        var samples = Args.Number(args, "--samples", 50);
        var port = ProcessRunner.FreePort();
        var codes = Enumerable.Range(0, samples).Select(_ => TestCodes.CreditCode()).ToArray();
        var arrived = new ConcurrentDictionary<string, (long At, bool Signed)>();
        using var court = LatencyRun.Client(url, DevTokens.For("member-unit", unit: "11440300MB2C928511", user: "push-latency-court"));
        using var approver = LatencyRun.Client(url, DevTokens.For("approver", unit: "APPROVAL-PUSH-LATENCY", user: "push-latency"));
        using var subscribed = await approver.PostAsJsonAsync("/api/v1/subscriptions",
            new { callbackUrl = $"http://127.0.0.1:{port}/hooks", events = new[] { "ListEntryActivated" }, subjectCodes = codes });
        if (!subscribed.IsSuccessStatusCode) throw new InvalidOperationException($"subscription refused: {await subscribed.Content.ReadAsStringAsync()}");
        var subscription = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        var secret = Encoding.UTF8.GetBytes(subscription.GetProperty("secret").GetString()!);

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hooks/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { break; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var at = Stopwatch.GetTimestamp();
                var raw = body.ToArray();
                var signed = context.Request.Headers["X-CreditMesh-Signature"] == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, raw));
                var code = JsonDocument.Parse(raw).RootElement.GetProperty("subjectCode").GetString()!;
                arrived.TryAdd(code, (at, signed));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var run = Guid.NewGuid().ToString("N")[..8];
        var latencies = new List<double>();
        var (missed, unsigned) = (0, 0);
        for (var i = 0; i < samples; i++)
        {
            await LatencyRun.SubmitAsync(court, LatencyRun.CourtDefaulterRecord($"PUSH-{run}-{i}", codes[i], $"推送时延测试企业{i}", 2000 + i));
            var accepted = Stopwatch.GetTimestamp();
            var deadline = Stopwatch.StartNew();
            while (!arrived.ContainsKey(codes[i]) && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
            if (!arrived.TryGetValue(codes[i], out var delivery)) { missed++; continue; }
            if (!delivery.Signed) unsigned++;
            latencies.Add(Stopwatch.GetElapsedTime(accepted, delivery.At).TotalMilliseconds);
        }
        listener.Stop();
        await serving;
        await approver.DeleteAsync($"/api/v1/subscriptions/{subscription.GetProperty("subscriptionId").GetString()}");

        latencies.Sort();
        double Ms(double q) => LatencyRun.Quantile(latencies, q);
        Console.WriteLine($"Court-defaulter record accepted → signed ListEntryActivated at a subscriber's listener, through {url}: {samples} records, one at a time");
        Console.WriteLine("| records | delivered | missed (> 30 s) | bad signature | p50 | p95 | max | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {samples} | {latencies.Count} | {missed} | {unsigned} | {Ms(0.5):F0} ms | {Ms(0.95):F0} ms | {(latencies.Count > 0 ? latencies[^1] : double.NaN):F0} ms | p95 ≤ 2,000 ms |");
        if (LatencyRun.Resubmitted > 0) Console.WriteLine($"({LatencyRun.Resubmitted} submissions answered 503/429 and were sent again after Retry-After)");
        return missed == 0 && unsigned == 0 ? 0 : 1;
    }
}
