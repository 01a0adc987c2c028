using System.Diagnostics;
using System.Net.Http.Json;
using CreditMesh.Testing;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: ≥ 3,000 matches/s through the gateway at p99 ≤ 20 ms, and the gateway keeping ≥ 50 % of the service's
/// direct throughput. Closed loop: N clients each send POST /api/v1/match back to back for --seconds (after a
/// warm-up), 4 in 5 about listed subjects of the seeded data set. Run once with --url at the service, once at the gateway.
/// </summary>
public static class MatchLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Args.Text(args, "--url", "http://localhost:8080");
        var clients = Args.Number(args, "--clients", 32);
        var seconds = Args.Number(args, "--seconds", 20);
        var subjects = Args.Number(args, "--subjects", 500_000);
        var matter = Args.Text(args, "--matter", "GOV_PROCUREMENT");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("approver", unit: "APPROVAL-LOAD", user: "load", lifetime: TimeSpan.FromHours(2)));

        await RunForAsync(http, clients, TimeSpan.FromSeconds(3), subjects, matter); // warm-up: JIT, connections, pools
        var (latencies, errors, hits, elapsed) = await RunForAsync(http, clients, TimeSpan.FromSeconds(seconds), subjects, matter);
        latencies.Sort();
        double Ms(double q) => latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
        Console.WriteLine($"POST /api/v1/match at {url}: {clients} clients, {seconds} s, matter {matter}");
        Console.WriteLine("| matches | errors | with hits | matches/s | p50 | p99 | max |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {latencies.Count:N0} | {errors} | {hits:N0} | {latencies.Count / elapsed:N0} | {Ms(0.5):F1} ms | {Ms(0.99):F1} ms | {latencies[^1]:F0} ms |");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(List<double> Latencies, int Errors, int Hits, double Seconds)> RunForAsync(HttpClient http, int clients, TimeSpan duration,
        int subjects, string matter)
    {
        var latencies = new List<double>();
        int errors = 0, hits = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var own = new List<double>(100_000);
            while (watch.Elapsed < duration)
            {
                var code = random.Next(5) == 0 ? MatchingData.Unlisted(random.Next(1_000_000)) : MatchingData.Subject(random.Next(subjects));
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/v1/match", new { subjectCode = code, matterCode = matter });
                var body = await response.Content.ReadAsStringAsync();
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                else if (!body.Contains("\"hits\":[]", StringComparison.Ordinal)) Interlocked.Increment(ref hits);
            }
            lock (latencies) latencies.AddRange(own);
        })));
        return (latencies, errors, hits, watch.Elapsed.TotalSeconds);
    }
}
