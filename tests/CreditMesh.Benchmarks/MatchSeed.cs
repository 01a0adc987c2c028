extern alias Matching;
using System.Diagnostics;
using CreditMesh.EventSourcing;
using Matching::CreditMesh.Matching.Index;
using Npgsql;

namespace CreditMesh.Benchmarks;

/// <summary>
/// Writes the matching data set straight into matching's tables through the list consumer's own writer
/// (ListIndexWriter), in batches, so a matching replica loads it at start-up as it would have after the events.
/// </summary>
public static class MatchSeed
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Args.Text(args, "--connection", "Host=127.0.0.1;Port=55432;Username=creditmesh;Password=creditmesh;Database=creditmesh_matching");
        var subjects = Args.Number(args, "--subjects", 500_000);
        var perSubject = Args.Number(args, "--per-subject", 2);
        var batch = Args.Number(args, "--batch", 20_000);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await IndexSchema.EnsureCreatedAsync(dataSource, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var written = 0;
        foreach (var chunk in MatchingData.Changes(subjects, perSubject, DateTimeOffset.UtcNow).Chunk(batch))
        {
            await using var open = await dataSource.OpenConnectionAsync();
            await using var transaction = await open.BeginTransactionAsync();
            await ListIndexWriter.WriteAsync(new SessionConnection(open), chunk, CancellationToken.None);
            await transaction.CommitAsync();
            written += chunk.Length;
            if (written % 200_000 == 0) Console.WriteLine($"{written:N0} entries, {written / watch.Elapsed.TotalSeconds:N0}/s");
        }
        Console.WriteLine($"Seeded {written:N0} active entries over {subjects:N0} subjects in {watch.Elapsed.TotalSeconds:F0} s");
        return 0;
    }
}

/// <summary>Command-line options of the harnesses: --name value.</summary>
internal static class Args
{
    public static int Number(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public static string Text(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
