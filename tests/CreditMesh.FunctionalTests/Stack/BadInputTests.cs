using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// Issue 14's bad input (DESIGN §7, ADR 0012): control characters, oversized text and lists, wrong JSON types, duplicate keys,
/// malformed If-Match and query codes each get a 400 ProblemDetails naming the field — never a 500 — and store nothing.
/// </summary>
public sealed class BadInputTests
{
    private const string Nul = "\\u0000";
    private static readonly string Subject = TestCodes.CreditCode();
    private static readonly string Unit = DevTokens.For(Roles.MemberUnit, unit: UnitA, user: "clerk-" + UnitA);
    private static readonly string Centre = DevTokens.For(Roles.CreditCenter);
    private static readonly string Person = DevTokens.For(Roles.Subject, subject: Subject, user: "ent-bad-input");
    private static readonly string Approver = DevTokens.For(Roles.Approver, unit: "APPROVAL-SZ-01", user: "bad-input");

    [OneTimeSetUp]
    public async Task RegisterTheSubject()
    {
        using var clerk = RunningSystem.Client(Unit);
        await JsonAsync(await clerk.PostAsJsonAsync("/api/v1/subjects", new { code = Subject, kind = "LegalPerson", name = "坏输入测试企业" }),
            HttpStatusCode.Created);
    }

    public static IEnumerable<TestCaseData> ControlCharacterCases()
    {
        TestCaseData Case(string token, string method, string path, string body, string field) =>
            new TestCaseData(token, method, path, body, field).SetName($"NUL in {field} of {method} {path.Split('?')[0]} → 400");
        yield return Case(Unit, "POST", "/api/v1/subjects", $$"""{"code":"{{TestCodes.CreditCode()}}","kind":"LegalPerson","name":"企业{{Nul}}"}""", "name");
        yield return Case(Unit, "PUT", $"/api/v1/subjects/{Subject}", $$"""{"name":"新名称{{Nul}}"}""", "name");
        yield return Case(Unit, "POST", $"/api/v1/subjects/{Subject}/deregistration", $$"""{"reason":"注销{{Nul}}"}""", "reason");
        yield return Case(Unit, "POST", "/api/v1/records/r-1/revocation", $$"""{"reason":"撤销{{Nul}}"}""", "reason");
        yield return Case(Unit, "POST", "/api/v1/records/r-1/corrections", $$"""{"reason":"更正{{Nul}}"}""", "reason");
        yield return Case(Unit, "POST", "/api/v1/list-entries/le-1/removal", $$"""{"reason":"移出{{Nul}}"}""", "reason");
        yield return Case(Centre, "POST", "/api/v1/repairs/rp-1/decision", $$"""{"approved":false,"reason":"不予修复{{Nul}}"}""", "reason");
        yield return Case(Centre, "POST", "/api/v1/objections/ob-1/resolution", $$"""{"upheld":false,"action":"None","reason":"维持{{Nul}}"}""", "reason");
        yield return Case(Person, "POST", "/api/v1/repairs",
            $$"""{"subjectCode":"{{Subject}}","target":{"kind":"Record","id":"r-1"},"commitment":"承诺{{Nul}}","evidence":[]}""", "commitment");
        yield return Case(Person, "POST", "/api/v1/objections",
            $$"""{"subjectCode":"{{Subject}}","target":{"kind":"Record","id":"r-1"},"grounds":"异议{{Nul}}"}""", "grounds");
        yield return Case(Approver, "POST", "/api/v1/match/m-1/feedback",
            $$"""{"outcome":"Denied","applied":[],"notApplied":[{"code":"PUN-PROCUREMENT","reason":"未采纳{{Nul}}"}]}""", "notApplied[0].reason");
    }

    [TestCaseSource(nameof(ControlCharacterCases))]
    public async Task A_control_character_is_refused_naming_the_field(string token, string method, string path, string body, string field)
    {
        using var client = RunningSystem.Client(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        var problem = await JsonAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain("U+0000"));
        Assert.That(RunningSystem.Logs.Lines.Where(l => l.Contains("22P05") || l.Contains("22021")), Is.Empty, "the text never reached PostgreSQL");
    }

    [Test]
    public async Task Nothing_is_stored_after_a_refused_name_or_reason()
    {
        using var clerk = RunningSystem.Client(Unit);
        var code = TestCodes.CreditCode();
        await clerk.PostAsync("/api/v1/subjects", Json($$"""{"code":"{{code}}","kind":"LegalPerson","name":"企业{{Nul}}"}"""));
        await clerk.PostAsync($"/api/v1/subjects/{Subject}/deregistration", Json($$"""{"reason":"注销{{Nul}}"}"""));

        Assert.That((await clerk.GetAsync($"/api/v1/subjects/{code}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var subject = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{Subject}");
        Assert.That((subject.GetProperty("deregistered").GetBoolean(), subject.GetProperty("version").GetInt64()), Is.EqualTo((false, 1L)));
    }

    public static IEnumerable<TestCaseData> OversizedCases()
    {
        var megabyte = new string('诺', 350_000); // ≈ 1 MB of UTF-8
        var evidence = string.Join(",", Enumerable.Repeat("""{"type":"Payment","description":"收据"}""", 10_000));
        yield return new TestCaseData($$"""{"subjectCode":"{{Subject}}","target":{"kind":"Record","id":"r-1"},"commitment":"{{megabyte}}","evidence":[]}""",
            "/api/v1/repairs", "commitment").SetName("A 1 MB commitment → 400");
        yield return new TestCaseData($$"""{"subjectCode":"{{Subject}}","target":{"kind":"Record","id":"r-1"},"commitment":"承诺","evidence":[{{evidence}}]}""",
            "/api/v1/repairs", "evidence").SetName("10,000 items of evidence → 400");
        yield return new TestCaseData($$"""{"subjectCode":"{{Subject}}","target":{"kind":"Record","id":"r-1"},"grounds":"{{megabyte}}"}""",
            "/api/v1/objections", "grounds").SetName("1 MB of objection grounds → 400");
    }

    [TestCaseSource(nameof(OversizedCases))]
    public async Task Oversized_text_and_lists_are_refused_naming_the_field(string body, string path, string field)
    {
        using var subject = RunningSystem.Client(Person);

        var problem = await JsonAsync(await subject.PostAsync(path, Json(body)), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain("at most"));
        var queue = await subject.GetFromJsonAsync<JsonElement>(path);
        Assert.That(queue.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was stored");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_second_open_objection_on_the_same_record_is_409(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-1), ct);
        using var subject = SubjectClient(code);

        await JsonAsync(await ObjectionTests.ObjectAsync(subject, code, recordId, ct), HttpStatusCode.Created);
        var second = await ObjectionTests.ObjectAsync(subject, code, recordId, ct);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await second.Content.ReadAsStringAsync(ct));
        var open = await subject.GetFromJsonAsync<JsonElement>("/api/v1/objections?status=Open", ct);
        Assert.That(open.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    internal static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
