extern alias Matching;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditMesh.ServiceDefaults.Json;
using Matching::CreditMesh.Matching.Domain.Measures;
using Matching::CreditMesh.Matching.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditMesh.Benchmarks;

/// <summary>
/// ADR 0012's cost on the match path: reading a match request and writing a two-hit answer for an approver, with the HTTP
/// API's JSON options before issue 14 (enums, encoder, nulls left out) and now (text checks, limits, duplicate keys refused,
/// ID numbers masked). Interleaved rounds on one thread; the minimum and median per request and answer.
/// </summary>
public static class MatchJson
{
    public static int Run(string[] args)
    {
        var rounds = Args.Number(args, "--rounds", 15);
        var before = new JsonSerializerOptions(JsonSerializerDefaults.Web)
            { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        before.Converters.Add(new JsonStringEnumConverter());
        var services = new ServiceCollection().AddApiJson().BuildServiceProvider();
        services.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "approver")], "jwt", "sub", "role")) };
        var now = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var request = """{"subjectCode":"9144030071526726XG","matterCode":"GOV_PROCUREMENT"}"""u8.ToArray();
        var basis = new LegalBasis("《最高人民法院关于限制被执行人高消费及有关消费的若干规定》", "第三条");
        HitDto Hit(int i) => new($"0198a3b2-c4d5-7e6f-8a9b-{i:D12}", "CourtDefaulter", "11440300MB2C928511", DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddYears(2), null, [new("PUN-PROCUREMENT", "限制参加政府采购", "Punishment", "Prohibit", basis, "发改财金〔2016〕141号")]);
        var answers = new Dictionary<string, MatchResponse>
        {
            ["company"] = new(Guid.CreateVersion7().ToString(), "9144030071526726XG", "GOV_PROCUREMENT", "Prohibit", [Hit(1), Hit(2)], [], DateTimeOffset.UtcNow, null, "2026.11.1"),
            ["person (masked)"] = new(Guid.CreateVersion7().ToString(), "11010519491231002X", "GOV_PROCUREMENT", "Prohibit", [Hit(1), Hit(2)], [], DateTimeOffset.UtcNow, null, "2026.11.1"),
        };
        double Time(JsonSerializerOptions options, MatchResponse answer)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20_000; i++)
            {
                JsonSerializer.Deserialize<MatchApi.MatchRequest>(request, options);
                JsonSerializer.SerializeToUtf8Bytes(answer, options);
            }
            return clock.Elapsed.TotalMicroseconds / 20_000;
        }
        Console.WriteLine("| answer | options | min µs | median µs |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, answer) in answers)
        {
            var times = new Dictionary<string, List<double>> { ["before issue 14"] = [], ["now"] = [] };
            Time(before, answer);
            Time(now, answer);
            for (var round = 0; round < rounds; round++)
            {
                times["before issue 14"].Add(Time(before, answer));
                times["now"].Add(Time(now, answer));
            }
            foreach (var (options, t) in times) Console.WriteLine($"| {name} | {options} | {t.Min():F2} | {t.Order().ElementAt(t.Count / 2):F2} |");
        }
        // Issue 17: the same company answer without and with its grade ("evaluation"), today's options, interleaved rounds.
        var ungraded = answers["company"] with { Evaluation = null };
        var graded = ungraded with { Evaluation = new Matching::CreditMesh.Matching.Domain.Index.SubjectGrade("D", 600, "2026.1") };
        var grade = new Dictionary<string, List<double>> { ["evaluation: null (before issue 17)"] = [], ["evaluation: {grade, score, modelVersion}"] = [] };
        Time(now, ungraded);
        Time(now, graded);
        for (var round = 0; round < rounds; round++)
        {
            grade["evaluation: null (before issue 17)"].Add(Time(now, ungraded));
            grade["evaluation: {grade, score, modelVersion}"].Add(Time(now, graded));
        }
        foreach (var (name, t) in grade) Console.WriteLine($"| company, {name} | now | {t.Min():F2} | {t.Order().ElementAt(t.Count / 2):F2} |");
        return 0;
    }
}
