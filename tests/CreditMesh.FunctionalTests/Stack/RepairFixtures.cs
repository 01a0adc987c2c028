using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>What the repair and objection tests (and the authorization matrix) set up: penalties known to repair, cases, clients.</summary>
public static class RepairFixtures
{
    public const string UnitA = "11440300MB2C928511", UnitB = "11440300MA5F0000X9";

    public static DateOnly TodayInChina => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static HttpClient Clerk(string unit = UnitA) => RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: unit, user: "clerk-" + unit));

    public static HttpClient SubjectClient(string code) => RunningSystem.Client(DevTokens.For(Roles.Subject, subject: code, user: "ent-" + code));

    /// <summary>Unit A submits a General penalty decided on <paramref name="decided"/> and waits until the repair service knows it.</summary>
    public static async Task<string> PenaltyKnownToRepairAsync(string code, DateOnly decided, CancellationToken ct,
        Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        using var clerk = Clerk();
        var body = RecordsTests.Penalty(code, $"PEN-{Guid.NewGuid():N}");
        change?.Invoke(body);
        body["decisionDate"] = decided.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await clerk.PostAsJsonAsync("/api/v1/records", body, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync(ct));
        var recordId = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString()!;
        // Repair learns of records only from ingestion's events; no API lists what it knows, so its read model is asked.
        await using var dataSource = NpgsqlDataSource.Create(RunningSystem.Databases["Repair"]);
        await UntilAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("select count(*) from repair_targets where target_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = recordId });
            return (long)(await command.ExecuteScalarAsync(ct))! == 1;
        }, ct);
        return recordId;
    }

    public static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string code, string recordId, CancellationToken ct) =>
        client.PostAsJsonAsync("/api/v1/repairs", new
        {
            subjectCode = code, target = new { kind = "Record", id = recordId }, commitment = "本单位承诺依法经营，按时履行行政处罚决定",
            evidence = new[] { new { type = "Payment", description = "罚款已于2026年6月缴清", reference = "缴款书 4403-2026-001" } },
        }, ct);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asks again until another service's message has been consumed (bounded by the test's CancelAfter).</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, CancellationToken ct) =>
        Eventually.UntilAsync(condition, "another service's message to be consumed", Timeout.InfiniteTimeSpan, ct);

    private static readonly Dictionary<string, string> MatrixObjects = [];

    /// <summary>
    /// Objects the authorization matrix acts on, for its subject 9144030071526726XG and unit A: {repair} (submitted, then
    /// accepted by the matrix), {acceptedRepair} (decided by the matrix), {repairTarget} (a record with an open case, so every
    /// further application is answered 201 Rejected), {objection} and {objectionTarget}, and {raiseTarget} (a record the matrix
    /// objects to, once: one open objection per target).
    /// </summary>
    public static async Task CreateMatrixObjectsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        const string code = "9144030071526726XG";
        var decided = TodayInChina.AddMonths(-4);
        string[] records = [await PenaltyKnownToRepairAsync(code, decided, ct), await PenaltyKnownToRepairAsync(code, decided, ct),
            await PenaltyKnownToRepairAsync(code, decided, ct), await PenaltyKnownToRepairAsync(code, decided, ct)];
        MatrixObjects["{raiseTarget}"] = records[3];
        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));
        string RepairId(JsonElement e) => e.GetProperty("repairId").GetString()!;
        MatrixObjects["{repair}"] = RepairId(await JsonAsync(await ApplyAsync(centre, code, records[0], ct), HttpStatusCode.Created));
        MatrixObjects["{repairTarget}"] = records[0];
        MatrixObjects["{acceptedRepair}"] = RepairId(await JsonAsync(await ApplyAsync(centre, code, records[1], ct), HttpStatusCode.Created));
        await JsonAsync(await centre.PostAsync($"/api/v1/repairs/{MatrixObjects["{acceptedRepair}"]}/acceptance", null, ct), HttpStatusCode.OK);
        using var subject = SubjectClient(code);
        MatrixObjects["{objectionTarget}"] = records[2];
        MatrixObjects["{objection}"] = (await JsonAsync(await ObjectionTests.ObjectAsync(subject, code, records[2], ct), HttpStatusCode.Created))
            .GetProperty("objectionId").GetString()!;
    }

    public static string ResolveMatrix(string text) => MatrixObjects.Aggregate(text, (t, o) => t.Replace(o.Key, o.Value));

    /// <summary>A General penalty decided four months ago, and the subject's open repair case for it.</summary>
    public static async Task<string> OpenCaseAsync(string code, CancellationToken ct)
    {
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        using var subject = SubjectClient(code);
        return (await JsonAsync(await ApplyAsync(subject, code, recordId, ct), HttpStatusCode.Created)).GetProperty("repairId").GetString()!;
    }
}
