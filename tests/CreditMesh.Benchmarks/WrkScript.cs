using System.Text;
using CreditMesh.Testing;

namespace CreditMesh.Benchmarks;

/// <summary>
/// Writes the Lua script infra/bench.sh hands to wrk (Debian's HTTP load generator, written in C, so the load client
/// outruns the system on the same two cores): requests spread over --identities approver tokens (the gateway limits
/// each client separately), and for match a body per request over the seeded data set, 4 in 5 about listed subjects.
/// Its done() prints one line, "WRK requests=… seconds=… errors=… p50=… p99=…", that bench.sh turns into a verdict.
/// </summary>
public static class WrkScript
{
    public static int Run(string[] args)
    {
        var kind = Args.Text(args, "--kind", "match");
        var identities = Args.Number(args, "--identities", 32);
        var subjects = Args.Number(args, "--subjects", 500_000);
        var codes = Args.Number(args, "--codes", 20_000);
        var matter = Args.Text(args, "--matter", "GOV_PROCUREMENT");
        if (kind is not ("match" or "measures")) { Console.Error.WriteLine("--kind is match or measures"); return 2; }

        var lua = new StringBuilder();
        lua.AppendLine("-- written by: CreditMesh.Benchmarks wrk-script (see infra/bench.sh)");
        lua.Append("local tokens = {");
        for (var i = 0; i < identities; i++)
            lua.Append('"').Append(DevTokens.For("approver", unit: $"APPROVAL-BENCH-{i:D2}", user: $"bench-{i:D2}", lifetime: TimeSpan.FromHours(3))).Append("\",");
        lua.AppendLine("}");
        lua.Append("local codes = {");
        if (kind == "match")
        {
            var random = new Random(7);
            for (var i = 0; i < codes; i++)
                lua.Append('"').Append(random.Next(5) == 0 ? MatchingData.Unlisted(random.Next(1_000_000)) : MatchingData.Subject(random.Next(subjects))).Append("\",");
        }
        lua.AppendLine("}");
        lua.AppendLine($$"""
            local kind, matter = "{{kind}}", "{{matter}}"
            local threads, counter = {}, 0
            function setup(thread)
              counter = counter + 1
              thread:set("offset", counter * 7919)
              table.insert(threads, thread)
            end
            local n = 0
            function init(args) n = offset or 0 end
            function request()
              n = n + 1
              local headers = { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] }
              if kind == "measures" then return wrk.format("GET", "/api/v1/measures", headers) end
              headers["Content-Type"] = "application/json"
              local body = '{"subjectCode":"' .. codes[(n % #codes) + 1] .. '","matterCode":"' .. matter .. '"}'
              return wrk.format("POST", "/api/v1/match", headers, body)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("WRK requests=%d seconds=%.2f errors=%d p50=%.1f p99=%.1f\n", summary.requests,
                summary.duration / 1e6, e.connect + e.read + e.write + e.timeout + e.status,
                latency:percentile(50) / 1000, latency:percentile(99) / 1000))
            end
            """);
        Console.Write(lua.ToString());
        return 0;
    }
}
