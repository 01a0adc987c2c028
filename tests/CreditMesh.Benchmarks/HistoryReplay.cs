using System.Diagnostics;
using CreditMesh.Contracts;
using CreditMesh.Registry.Archive;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: a subject with 10,000 archived events replays in ≤ 500 ms, and its state as of an instant
/// in ≤ 200 ms. Fills a registry database through the archive's own writer (timeline rows with their chain
/// hashes), then times the same reader the history endpoint uses.
/// </summary>
public static class HistoryReplay
{
    public static async Task<int> RunAsync(string[] args)
    {
        var total = Option(args, "--events", 10_000);
        var rounds = Option(args, "--rounds", 20);
        await using var postgres = await TestPostgres.StartAsync(durable: true);
        await using var bench = await BenchStore.StartAsync(await postgres.CreateDatabaseAsync("history"), events => events.ReadModel(ArchiveSchema.EnsureCreatedAsync));
        var dataSource = bench.DataSource;
        var archive = new ArchiveWriter(dataSource, TimeProvider.System);

        const string subject = "9144030071526726XG";
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var perStream = 5;
        for (var batch = 0; batch < total / perStream; batch += 200)
        {
            var messages = new List<(IIntegrationEvent, string)>();
            for (var s = batch; s < Math.Min(batch + 200, total / perStream); s++)
                for (var v = 1; v <= perStream; v++)
                {
                    var at = start.AddMinutes((s * perStream) + v);
                    messages.Add((new CreditRecordAccepted(Guid.NewGuid(), at, subject, $"record-{s}", v, null, new Actor("UNIT", "clerk", "member-unit"),
                        $"R{s}", "UNIT", "AdministrativePenalty", "腾讯科技（深圳）有限公司", "LegalPerson", DateOnly.FromDateTime(at.UtcDateTime), "General",
                        Disclosed: true, PublicityFrom: DateOnly.FromDateTime(at.UtcDateTime), PublicityMaxUntil: DateOnly.FromDateTime(at.UtcDateTime.AddYears(1))),
                        $"Record R{s} accepted"));
                }
            await archive.RecordAllAsync(messages, default);
        }

        var reader = new HistoryReader(dataSource);
        var middle = start.AddMinutes(total / 2.0);
        var full = await TimeAsync(rounds, () => reader.ReadAsync(subject, DateTimeOffset.UtcNow, CancellationToken.None), r => r.Events.Count);
        var asOf = await TimeAsync(rounds, () => reader.ReadAsync(subject, middle, CancellationToken.None), r => r.Events.Count);
        var verify = await TimeAsync(3, () => reader.VerifyAsync(subject, CancellationToken.None), r => r.Streams.Count);

        Console.WriteLine($"History of one subject with {total:N0} archived events ({total / perStream:N0} source streams), {rounds} rounds after one warm-up:");
        Console.WriteLine("| operation | events returned | median | p95 | target |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| full replay (timeline + state now) | {full.Count:N0} | {full.Median:F0} ms | {full.P95:F0} ms | ≤ 500 ms |");
        Console.WriteLine($"| as-of state (mid-history instant) | {asOf.Count:N0} | {asOf.Median:F0} ms | {asOf.P95:F0} ms | ≤ 200 ms |");
        Console.WriteLine($"| verify (every archive copy's chain) | {verify.Count:N0} streams | {verify.Median:F0} ms | {verify.P95:F0} ms | — |");
        return 0;
    }

    private static async Task<(int Count, double Median, double P95)> TimeAsync<T>(int rounds, Func<Task<T>> action, Func<T, int> count)
    {
        var result = await action();
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (count(result), times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
