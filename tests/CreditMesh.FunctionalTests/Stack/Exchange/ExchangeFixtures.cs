using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>Callers and reads the exchange tests share: the national client, the credit centre, feed pages, subscriptions.</summary>
public static class ExchangeFixtures
{
    public const string NationalUnit = "NATIONAL-PLATFORM";

    public static HttpClient National(string unit = NationalUnit) =>
        RunningSystem.Client(DevTokens.For(Roles.Exchange, unit: unit, user: "xinyong-china"));

    public static HttpClient Centre() => RunningSystem.Client(DevTokens.For(Roles.CreditCenter, user: "centre-operator"));

    public static HttpClient Approver(string unit = "APPROVAL-SZ-01") => RunningSystem.Client(DevTokens.For(Roles.Approver, unit: unit, user: "approval-" + unit));

    public static async Task<long> HeadAsync(CancellationToken ct)
    {
        using var centre = Centre();
        return (await centre.GetFromJsonAsync<JsonElement>("/api/v1/exchange/status", ct)).GetProperty("head").GetInt64();
    }

    /// <summary>Every feed item after <paramref name="after"/>, page by page as a national client reads them.</summary>
    public static async Task<List<JsonElement>> ReadFeedAsync(HttpClient reader, long after, CancellationToken ct, int limit = 1000)
    {
        var items = new List<JsonElement>();
        for (string? cursor = after.ToString(System.Globalization.CultureInfo.InvariantCulture); cursor is not null;)
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/exchange/feed?after={cursor}&limit={limit}", ct);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        return items;
    }

    /// <summary>The feed items about one source after <paramref name="after"/>, once <paramref name="until"/> holds for them.</summary>
    public static async Task<List<JsonElement>> FeedOfAsync(string sourceId, long after, Func<List<JsonElement>, bool> until, CancellationToken ct)
    {
        using var national = National();
        return await Eventually.UntilAsync(async () => (await ReadFeedAsync(national, after, ct)).Where(i => i.GetProperty("sourceId").GetString() == sourceId).ToList(),
            until, $"the feed's items about {sourceId}", Timeout.InfiniteTimeSpan, ct,
            context: () => $"after sequence {after}");
    }

    public static string Types(IEnumerable<JsonElement> items) =>
        string.Join(",", items.Select(i => i.GetProperty("type").GetString() + (i.TryGetProperty("reason", out var r) ? ":" + r.GetString() : "")));

    public static async Task<JsonElement> SubscribeAsync(HttpClient owner, string callbackUrl, string[] events, string[]? subjectCodes = null,
        string[]? listTypes = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["callbackUrl"] = callbackUrl, ["events"] = new JsonArray([.. events.Select(e => (JsonNode)e)]) };
        if (subjectCodes is not null) body["subjectCodes"] = new JsonArray([.. subjectCodes.Select(c => (JsonNode)c)]);
        if (listTypes is not null) body["listTypes"] = new JsonArray([.. listTypes.Select(t => (JsonNode)t)]);
        var response = await owner.PostAsJsonAsync("/api/v1/subscriptions", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient owner, string subscriptionId, CancellationToken ct) =>
        [.. (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/subscriptions/{subscriptionId}/deliveries", ct)).GetProperty("items")
            .EnumerateArray().Select(i => i.Clone())];

    /// <summary>A court-defaulter record (unit A, a court's decision) for the subject; lists make it an Active entry at once.</summary>
    public static JsonObject CourtRecord(string code, string sourceRecordId)
    {
        var record = RecordsTests.Penalty(code, sourceRecordId);
        foreach (var field in new[] { "severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent", "fineAmount", "confiscatedAmount" })
            record.Remove(field);
        record["category"] = "CourtDefaulter";
        record["decisionNumber"] = "（2026）粤03执123号";
        record["decidingAuthority"] = new JsonObject { ["name"] = "深圳市中级人民法院" };
        record["facts"] = "未履行生效判决确定的给付义务";
        record["validUntil"] = "2028-12-31";
        return record;
    }

    public static async Task<string> SubmitAsync(JsonObject record, CancellationToken ct)
    {
        using var clerk = RepairFixtures.Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/records", record, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString()!;
    }
}
