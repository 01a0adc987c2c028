using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditMesh.Testing;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: ≥ 2,000 records/s sustained through the batch API. Sends batches of new penalty records
/// (1,000 each by default) to a running system (infra/run.sh) through the gateway, from several
/// concurrent clients, and reports records/s and batch latency. Every record must come back Accepted.
/// </summary>
public static class IngestionLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Text(args, "--url", "http://localhost:8080");
        var batches = Number(args, "--batches", 40);
        var size = Number(args, "--size", 1000);
        var clients = Number(args, "--clients", 2);
        var rate = Number(args, "--rate", 0);
        var warmup = Number(args, "--warmup", size);
        var run = Text(args, "--run", Guid.NewGuid().ToString("N")[..8]);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("member-unit", unit: "11440300MB2C928511", user: "load-" + run,
            lifetime: TimeSpan.FromHours(3)));

        if (warmup > 0) await SendAsync(http, Batch(run, -1, warmup)); // warm-up, not counted
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        if (rate > 0) await PacedAsync(http, run, batches, size, rate, latencies);
        else
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < batches)
                {
                    var sent = Stopwatch.StartNew();
                    await SendAsync(http, Batch(run, i, size));
                    lock (latencies) latencies.Add(sent.Elapsed.TotalMilliseconds);
                }
            }));
        }
        var seconds = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        Console.WriteLine($"Ingestion through {url}: {batches} batches × {size} new records (run {run}), "
            + (rate > 0 ? $"paced at {rate:N0} records/s" : $"{clients} concurrent clients"));
        if (_retries > 0) Console.WriteLine($"({_retries} batches answered 503/429 and were sent again after Retry-After)");
        Console.WriteLine("| records | seconds | records/s | batch p50 | batch p95 | target |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| {batches * size:N0} | {seconds:F1} | {batches * size / seconds:N0} | {latencies[latencies.Count / 2]:F0} ms | {latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1]:F0} ms | ≥ 2,000 records/s |");
        return 0;
    }

    /// <summary>Background load at a steady rate: a batch every size/rate seconds, each sent without waiting for the one before.</summary>
    private static async Task PacedAsync(HttpClient http, string run, int batches, int size, int rate, List<double> latencies)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds((double)size / rate));
        var sending = new List<Task>();
        for (var i = 0; i < batches && await timer.WaitForNextTickAsync(); i++)
        {
            var batch = Batch(run, i, size);
            sending.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.StartNew();
                await SendAsync(http, batch);
                lock (latencies) latencies.Add(sent.Elapsed.TotalMilliseconds);
            }));
        }
        await Task.WhenAll(sending);
    }

    /// <summary>503s and 429s the gateway answered (no ready replica, limit), retried as a real client would.</summary>
    private static int _retries;

    private static async Task SendAsync(HttpClient http, JsonObject batch)
    {
        var response = await http.PostAsJsonAsync("/api/v1/records/batch", batch);
        for (var attempt = 1; response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && attempt <= 10; attempt++)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            Interlocked.Increment(ref _retries);
            await Task.Delay(wait);
            response = await http.PostAsJsonAsync("/api/v1/records/batch", batch);
        }
        using var _ = response;
        response.EnsureSuccessStatusCode();
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        var notAccepted = results.Count(r => r!["status"]!.GetValue<string>() != "Accepted");
        if (notAccepted > 0) throw new InvalidOperationException($"{notAccepted} records were not accepted: {results.First(r => r!["status"]!.GetValue<string>() != "Accepted")}");
    }

    private static JsonObject Batch(string run, int batch, int size)
    {
        var records = new JsonArray();
        for (var i = 0; i < size; i++)
            records.Add(JsonNode.Parse($$"""
                { "sourceRecordId": "LOAD-{{run}}-{{batch}}-{{i}}", "category": "AdministrativePenalty",
                  "subject": { "code": "{{TestCodes.CreditCode()}}", "name": "负载测试企业{{i}}", "kind": "LegalPerson" },
                  "decisionNumber": "深市监罚〔2026〕{{i}}号", "decisionDate": "2026-05-10",
                  "decidingAuthority": { "name": "深圳市市场监督管理局" }, "severity": "General",
                  "violationType": "虚假宣传", "facts": "发布虚假广告", "legalBasis": "《反不正当竞争法》第二十条",
                  "penaltyCategories": ["Fine"], "penaltyContent": "罚款5万元", "fineAmount": 50000.00 }
                """));
        return new JsonObject { ["records"] = records };
    }

    private static int Number(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string Text(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
