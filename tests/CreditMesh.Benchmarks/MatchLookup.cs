extern alias Matching;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Matching::CreditMesh.Matching.Domain.Matches;
using Matching::CreditMesh.Matching.Domain.Measures;
using Matching::CreditMesh.Matching.Index;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: in-process lookup p99 ≤ 50 µs and index memory ≤ 1 GB at 1,000,000 entries over 500,000 subjects.
/// Builds a replica's in-memory index from the data set, reports the managed heap it takes, then times single
/// lookups (and lookup + evaluation against the catalogue, and + the subject's grade) one by one for the percentiles; the heap includes the grades. <c>--bdn</c> also runs
/// the BenchmarkDotNet class below (means and allocations, in-process toolchain).
/// </summary>
public static class MatchLookup
{
    public static int Run(string[] args)
    {
        var subjects = Args.Number(args, "--subjects", 500_000);
        var perSubject = Args.Number(args, "--per-subject", 2);
        var lookups = Args.Number(args, "--lookups", 2_000_000);
        var (index, bytes) = Build(subjects, perSubject);
        Console.WriteLine($"Index: {index.Subjects:N0} subjects, {index.Entries:N0} entries, managed heap {bytes / 1048576.0:N0} MiB (target ≤ 1 GB)");

        var catalogue = CatalogueLoader.LoadEmbedded().Versions[^1];
        var random = new Random(7);
        var codes = Enumerable.Range(0, 100_000).Select(i => i % 5 == 0 ? MatchingData.Unlisted(i) : MatchingData.Subject(random.Next(subjects))).ToArray();
        var now = DateTimeOffset.UtcNow;
        var find = new long[lookups];
        var evaluate = new long[lookups];
        var graded = new long[lookups];
        for (var i = 0; i < lookups; i++)
        {
            var code = codes[i % codes.Length];
            var start = Stopwatch.GetTimestamp();
            var found = index.Find(code, now);
            var looked = Stopwatch.GetTimestamp();
            MatchEvaluation.Evaluate(catalogue, "GOV_PROCUREMENT", found);
            var done = Stopwatch.GetTimestamp();
            GC.KeepAlive(index.GradeOf(code)); // issue 17: the subject's grade beside its entries, one more dictionary lookup
            var withGrade = Stopwatch.GetTimestamp();
            find[i] = looked - start;
            evaluate[i] = done - start;
            graded[i] = withGrade - start;
        }
        Console.WriteLine("| operation | lookups | p50 | p99 | p99.9 | max | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(Row("index lookup", find, "p99 ≤ 50 µs"));
        Console.WriteLine(Row("lookup + evaluation", evaluate, "—"));
        Console.WriteLine(Row("lookup + evaluation + grade", graded, "—"));
        if (args.Contains("--bdn"))
            BenchmarkRunner.Run<IndexLookupBenchmark>(DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator));
        GC.KeepAlive(index);
        return 0;
    }

    public static (SubjectIndex Index, long Bytes) Build(int subjects, int perSubject)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new SubjectIndex();
        var now = DateTimeOffset.UtcNow;
        // Grouped per subject as the replica's start-up snapshot loads them.
        foreach (var group in MatchingData.Changes(subjects, perSubject, now).Chunk(perSubject))
            index.Load(group[0].SubjectCode, group.Select(c => Matching::CreditMesh.Matching.Domain.Index.ListEntryFold.Apply(null, c)!.AsActive()!).ToArray());
        // Every listed subject has a grade (issue 17), as the evaluation service publishes one for every subject it knows.
        string[] grades = ["A", "B", "B", "B", "C", "C", "D"];
        for (var i = 0; i < subjects; i++)
            index.SetGrade(MatchingData.Subject(i), new Matching::CreditMesh.Matching.Domain.Index.SubjectGrade(grades[i % grades.Length], 600 + i % 400, "2026.1"));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (index, after - before);
    }

    private static string Row(string name, long[] ticks, string target)
    {
        Array.Sort(ticks);
        double Micro(double q) => ticks[Math.Min(ticks.Length - 1, (int)(ticks.Length * q))] * 1_000_000.0 / Stopwatch.Frequency;
        return $"| {name} | {ticks.Length:N0} | {Micro(0.5):F1} µs | {Micro(0.99):F1} µs | {Micro(0.999):F1} µs | {ticks[^1] * 1_000_000.0 / Stopwatch.Frequency:F0} µs | {target} |";
    }
}

/// <summary>BenchmarkDotNet view of the same lookup (mean, allocations) on a 1M-entry index.</summary>
[MemoryDiagnoser]
public class IndexLookupBenchmark
{
    private SubjectIndex _index = null!;
    private string[] _codes = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _index = MatchLookup.Build(500_000, 2).Index;
        var random = new Random(7);
        _codes = Enumerable.Range(0, 100_000).Select(i => i % 5 == 0 ? MatchingData.Unlisted(i) : MatchingData.Subject(random.Next(500_000))).ToArray();
    }

    [Benchmark]
    public int Lookup() => _index.Find(_codes[_next++ % _codes.Length], DateTimeOffset.UtcNow).Count;
}
