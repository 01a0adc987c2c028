using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>What the evaluation tests (and the authorization matrix) set up and read: subjects, records, evaluations, draws.</summary>
public static class EvaluationFixtures
{
    public static HttpClient CreditCentre() => RunningSystem.Client(DevTokens.For(Roles.CreditCenter, user: "centre-operator"));

    public static HttpClient Auditor() => RunningSystem.Client(DevTokens.For(Roles.Auditor, user: "auditor"));

    public static async Task RegisterAsync(string code, string kind = "LegalPerson", string name = "评价测试企业")
    {
        using var clerk = RepairFixtures.Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code, kind, name });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Unit A submits a record through ingestion's API; the record id.</summary>
    public static async Task<string> SubmitAsync(JsonObject record, CancellationToken ct)
    {
        using var clerk = RepairFixtures.Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/records", record, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString()!;
    }

    /// <summary>A General penalty decided on the day given (default: the DESIGN §5.1 example's 2026-05-10).</summary>
    public static JsonObject Penalty(string code, DateOnly? decided = null)
    {
        var record = RecordsTests.Penalty(code, $"PEN-EV-{Guid.NewGuid():N}");
        if (decided is { } day) record["decisionDate"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return record;
    }

    /// <summary>A court's 失信被执行人 record: lists makes it a CourtDefaulter entry at once.</summary>
    public static JsonObject CourtDefaulter(string code)
    {
        var record = RecordsTests.Penalty(code, $"CD-EV-{Guid.NewGuid():N}");
        foreach (var field in new[] { "severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent", "fineAmount", "confiscatedAmount" })
            record.Remove(field);
        record["category"] = "CourtDefaulter";
        record["facts"] = "未履行生效判决确定的给付义务";
        record["validUntil"] = "2028-12-31";
        return record;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path, CancellationToken ct = default)
    {
        using var response = await client.GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The subject's evaluation now (as the credit centre), asked again until it satisfies the condition.</summary>
    public static async Task<JsonElement> EvaluationAsync(string code, Func<JsonElement, bool> until, CancellationToken ct, string? asOf = null)
    {
        using var centre = CreditCentre();
        var query = asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}";
        return (await Eventually.UntilAsync(() => GetAsync(centre, $"/api/v1/evaluations/{code}{query}", ct),
            r => r.Status == HttpStatusCode.OK && until(r.Body), $"the evaluation of {code}", Timeout.InfiniteTimeSpan, ct)).Body;
    }

    /// <summary>
    /// Companies graded B (registered, nothing on record) and companies on the court-defaulter list (grade D, published as lists
    /// would), each evaluation awaited: the population of a graded draw.
    /// </summary>
    public static async Task<(string[] B, string[] D)> GradedCompaniesAsync(int graded, int listed, CancellationToken ct)
    {
        var b = Enumerable.Range(0, graded).Select(_ => TestCodes.CreditCode()).ToArray();
        var d = Enumerable.Range(0, listed).Select(_ => TestCodes.CreditCode()).ToArray();
        foreach (var code in b) await RegisterAsync(code);
        await RunningSystem.PublishAsync(ct, [.. d.Select(code => (object)MatchingTests.Activated(code, $"LE-{code}-S", "CourtDefaulter",
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2)))]);
        foreach (var code in b) await EvaluationAsync(code, Scored(800, "B"), ct);
        foreach (var code in d) await EvaluationAsync(code, e => e.GetProperty("grade").GetString() == "D", ct);
        return (b, d);
    }

    public static Func<JsonElement, bool> Scored(int score, string grade) =>
        e => e.GetProperty("score").GetInt32() == score && e.GetProperty("grade").GetString() == grade;

    public static string[] Caps(JsonElement evaluation) => [.. evaluation.GetProperty("caps").EnumerateArray().Select(c => c.GetString()!)];

    public static JsonElement Indicator(JsonElement evaluation, string code) =>
        evaluation.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    private static readonly Dictionary<string, string> MatrixObjects = [];

    /// <summary>
    /// What the authorization matrix's evaluation routes act on: the evaluation of its subject 9144030071526726XG (known to the
    /// evaluation service once the repair fixtures' penalties reached it), {evaluationAsOf} an instant when it was known, and
    /// {sampling} a draw by the matrix's member unit (unit A).
    /// </summary>
    public static async Task CreateMatrixObjectsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await EvaluationAsync("9144030071526726XG", _ => true, timeout.Token);
        MatrixObjects["{evaluationAsOf}"] = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        using var unit = RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.MemberUnit));
        var drawn = await unit.PostAsJsonAsync("/api/v1/supervision/samplings",
            new { subjectCodes = new[] { "9144030071526726XG" }, baseRatio = 0.1, purpose = "授权矩阵抽查" }, timeout.Token);
        Assert.That(drawn.StatusCode, Is.EqualTo(HttpStatusCode.Created), await drawn.Content.ReadAsStringAsync(timeout.Token));
        MatrixObjects["{sampling}"] = (await drawn.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("samplingId").GetString()!;
    }

    public static string ResolveMatrix(string text) => MatrixObjects.Aggregate(text, (t, o) => t.Replace(o.Key, o.Value));

    /// <summary>The subject's archive until its events satisfy the condition (the registry hears EvaluationChanged from the bus).</summary>
    public static async Task<JsonElement> HistoryAsync(string code, Func<JsonElement, bool> until, CancellationToken ct, string? asOf = null)
    {
        using var auditor = Auditor();
        var query = asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}";
        return (await Eventually.UntilAsync(() => GetAsync(auditor, $"/api/v1/subjects/{code}/history{query}", ct),
            r => r.Status == HttpStatusCode.OK && until(r.Body), $"the archive of {code}", Timeout.InfiniteTimeSpan, ct)).Body;
    }
}
