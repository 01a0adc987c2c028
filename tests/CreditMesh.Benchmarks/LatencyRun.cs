using System.Net.Http.Json;
namespace CreditMesh.Benchmarks;

/// <summary>
/// What the latency harnesses share (<see cref="MatchLatency"/>: record → match hit, <see cref="PushLatency"/>: record →
/// push delivery): an authenticated client of the gateway, the court-defaulter record a court submits, and the quantile
/// they print.
/// </summary>
internal static class LatencyRun
{
    /// <summary>
    /// Submits a record as a court's system would: a 503 (no ready replica) or 429 (the unit's limit, shared with the
    /// background ingestion) is sent again after Retry-After, up to ten times; the latency clock starts at acceptance.
    /// </summary>
    public static async Task SubmitAsync(HttpClient court, object record)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var submitted = await court.PostAsJsonAsync("/api/v1/records", record);
            if (submitted.IsSuccessStatusCode) return;
            if (submitted.StatusCode is not (System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests) || attempt == 10)
                throw new InvalidOperationException($"record refused: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
            Interlocked.Increment(ref _resubmitted);
            await Task.Delay(submitted.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private static int _resubmitted;

    /// <summary>Submissions answered 503/429 and sent again (printed with the results).</summary>
    public static int Resubmitted => Volatile.Read(ref _resubmitted);

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
