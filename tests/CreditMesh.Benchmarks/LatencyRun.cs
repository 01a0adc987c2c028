namespace CreditMesh.Benchmarks;

/// <summary>
/// What the latency harnesses share (<see cref="MatchLatency"/>: record → match hit, <see cref="PushLatency"/>: record →
/// push delivery): an authenticated client of the gateway, the court-defaulter record a court submits, and the quantile
/// they print.
/// </summary>
internal static class LatencyRun
{
    public static HttpClient Client(string url, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A court-defaulter record decided today by a Shenzhen court; <paramref name="number"/> keeps decision numbers apart.</summary>
    public static object CourtDefaulterRecord(string sourceRecordId, string code, string name, int number) => new
    {
        sourceRecordId,
        category = "CourtDefaulter",
        subject = new { code, name, kind = "LegalPerson" },
        decisionNumber = $"（2026）粤03执{number}号",
        decisionDate = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decidingAuthority = new { name = "深圳市中级人民法院" },
        facts = "未履行生效法律文书确定的给付义务",
    };

    /// <summary>The q-quantile of sorted milliseconds (NaN when there are none).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
}
