extern alias Evaluation;
using System.Diagnostics;
using System.Net.Http.Json;
using CreditMesh.Testing;
using Evaluation::CreditMesh.Evaluation.Domain.Model;
using Evaluation::CreditMesh.Evaluation.Domain.Sampling;

namespace CreditMesh.Benchmarks;

/// <summary>
/// Issue 17: a graded 双随机 draw over 10,000 subjects in under 1 s. In process: <see cref="SamplingDraw.Run"/> alone (grades
/// spread 10 % A, 60 % B, 20 % C, 10 % D). With <c>--url</c>: POST /api/v1/supervision/samplings through the gateway as a member
/// unit, i.e. validation, the grades read from evaluation_current, the draw and the SamplingDrawn event appended, answer written.
/// </summary>
public static class SamplingTime
{
    public static async Task<int> RunAsync(string[] args)
    {
        var subjects = Args.Number(args, "--subjects", 10_000);
        var rounds = Args.Number(args, "--rounds", 20);
        var codes = Enumerable.Range(0, subjects).Select(i => TestCodes.CreditCode(20_000_000 + i)).ToArray();
        var model = ModelLoader.LoadFileOrEmbedded(null).Versions[^1];
        var population = codes.Select((c, i) => new SampledSubject(c, (i % 10) switch { 0 => Grade.A, < 7 => Grade.B, < 9 => Grade.C, _ => Grade.D })).ToList();
        SamplingDraw.Run(population, 0.1m, "warm-up", model);
        var inProcess = Enumerable.Range(0, rounds).Select(r => Time(() => SamplingDraw.Run(population, 0.1m, $"seed-{r}", model))).ToList();
        Console.WriteLine("| draw over | subjects | rounds | min | median | max | target |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(Row("SamplingDraw.Run, in process", subjects, inProcess));
        if (Args.Text(args, "--url", "") is { Length: > 0 } url)
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("member-unit", unit: "11440300MB2C928511", user: "sampling-bench"));
            var body = new { subjectCodes = codes, baseRatio = 0.1m, seed = "bench", purpose = "基准测试 benchmark" };
            var overHttp = new List<double>();
            for (var r = 0; r <= rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync("/api/v1/supervision/samplings", body);
                var text = await response.Content.ReadAsStringAsync();
                clock.Stop();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
                if (r > 0) overHttp.Add(clock.Elapsed.TotalMilliseconds); // the first one warms up
            }
            Console.WriteLine(Row($"POST /api/v1/supervision/samplings via {url}", subjects, overHttp));
        }
        return 0;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Row(string name, int subjects, List<double> ms)
    {
        ms.Sort();
        return $"| {name} | {subjects:N0} | {ms.Count} | {ms[0]:F1} ms | {ms[ms.Count / 2]:F1} ms | {ms[^1]:F1} ms | < 1 s |";
    }
}
