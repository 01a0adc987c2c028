using CreditMesh.Contracts.Vocabulary;
using System.Net;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.FunctionalTests.Stack.Exchange;
using CreditMesh.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// Every route of the system, called with every role, no token, an expired token, a token with a wrong signature and
/// tokens whose claims break DESIGN §5 (a role list, a missing or malformed unit, a subject without its code), through the
/// gateway and directly at its service (each service checks again). A new route joins with one line in <see cref="Routes"/>
/// (a test fails until it does); per-object rules join <see cref="ObjectCases"/>.
/// </summary>
public sealed partial class AuthorizationMatrix
{
    /// <summary>A route, the service that owns it, and the roles that may call it.</summary>
    /// <remarks>A public route answers everyone, with or without a (valid) token.</remarks>
    /// <remarks>With an Idempotency-Key, every caller's repeats are one object (DESIGN §5), where a second one would be refused.</remarks>
    public sealed record Route(string Service, string Method, string Path, string[] Allowed, string? Body = null, bool Public = false,
        string? IfMatch = null, string? IdempotencyKey = null)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    // Subjects the routes below act on, registered before the matrix runs.
    private static readonly string Company = TestCodes.CreditCode();
    private static readonly string Closing = TestCodes.CreditCode();
    private static readonly string NewCompany = TestCodes.CreditCode();
    private static string Registration(string code) =>
        $$$"""{"code":"{{{code}}}","kind":"LegalPerson","name":"测试企业","legalRepresentative":{"name":"张三","idNumber":"11010519491231002X"}}""";

    public static readonly Route[] Routes =
    [
        new("Registry", "POST", "/api/v1/subjects", [Roles.MemberUnit, Roles.CreditCenter], Registration(NewCompany)),
        new("Registry", "GET", $"/api/v1/subjects/{Company}", [.. Roles.All]),
        new("Registry", "GET", $"/api/v1/subjects/resolve?code={Company}", [.. Roles.All]),
        new("Registry", "PUT", $"/api/v1/subjects/{Company}", [Roles.MemberUnit, Roles.CreditCenter],
            """{"name":"测试企业","legalRepresentative":{"name":"张三","idNumber":"11010519491231002X"}}""", IfMatch: "*"),
        new("Registry", "POST", $"/api/v1/subjects/{Company}/legacy-codes", [Roles.MemberUnit, Roles.CreditCenter],
            $$"""{"legacyCode":"{{TestCodes.OrganisationCode(Company)}}"}"""),
        new("Registry", "POST", $"/api/v1/subjects/{Closing}/deregistration", [Roles.MemberUnit, Roles.CreditCenter], """{"reason":"注销"}"""),
        new("Registry", "GET", $"/api/v1/subjects/{Company}/history", [Roles.Auditor, Roles.CreditCenter]),
        new("Registry", "GET", $"/api/v1/subjects/{Company}/history?asOf=2026-01-01T00:00:00%2B08:00", [Roles.Auditor, Roles.CreditCenter]),
        new("Registry", "GET", $"/api/v1/subjects/{Company}/history/verify", [Roles.Auditor]),
        new("Registry", "GET", "/api/v1/subjects?name=测试企业", [.. Roles.All], Public: true),
        new("Ingestion", "GET", "/api/v1/catalog", [.. Roles.All]),
        new("Ingestion", "GET", $"/api/v1/disclosures?code={Company}", [.. Roles.All], Public: true),
        new("Ingestion", "GET", "/api/v1/quality", [Roles.CreditCenter, Roles.MemberUnit]),
        new("Ingestion", "POST", "/api/v1/records", [Roles.MemberUnit], RecordsTests.Penalty(Company, "PEN-MATRIX-1").ToJsonString()),
        new("Ingestion", "POST", "/api/v1/records/batch", [Roles.MemberUnit], $$$"""{"records":[{{{RecordsTests.Penalty(Company, "PEN-MATRIX-2").ToJsonString()}}}]}"""),
        new("Ingestion", "GET", "/api/v1/records/{record}", [Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        new("Ingestion", "GET", "/api/v1/records/{record}/history", [Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        new("Ingestion", "POST", "/api/v1/records/{record}/corrections", [Roles.MemberUnit],
            $$$"""{"reason":"unchanged","record":{{{RecordsTests.Penalty(Company, "PEN-MATRIX-READ").ToJsonString()}}}}"""),
        new("Ingestion", "POST", "/api/v1/records/{revocable}/revocation", [Roles.MemberUnit], """{"reason":"复议撤销"}"""),
        new("Lists", "GET", $"/api/v1/list-entries?subjectCode={Company}", [Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        new("Lists", "GET", "/api/v1/list-entries/{listEntry}", [Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        new("Lists", "GET", "/api/v1/list-entries/{listEntry}/history", [Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        new("Lists", "POST", "/api/v1/list-entries", [Roles.MemberUnit], ListsTests.Proposal(Company, ListsTests.RecordIdOf(ListsTests.UnitA, "PEN-MATRIX-READ"))),
        new("Lists", "POST", "/api/v1/list-entries/{listEntry}/removal", [Roles.MemberUnit], """{"reason":"认定有误"}"""),
        new("Matching", "GET", "/api/v1/measures", [.. Roles.All]),
        new("Matching", "POST", "/api/v1/match", [Roles.Approver, Roles.Auditor], $$"""{"subjectCode":"{{Company}}","matterCode":"GOV_PROCUREMENT"}"""),
        new("Matching", "POST", "/api/v1/match/batch", [Roles.Approver], $$"""{"matterCode":"GOV_PROCUREMENT","subjectCodes":["{{Company}}"]}"""),
        new("Matching", "POST", "/api/v1/match/{match}/feedback", [Roles.Approver], """{"outcome":"Granted","applied":[],"notApplied":[]}"""),
        new("Matching", "GET", "/api/v1/match/statistics", [Roles.CreditCenter, Roles.Auditor]),
        new("Registry", "GET", "/api/v1/access-log/registry", [Roles.Auditor]),
        new("Ingestion", "GET", "/api/v1/access-log/ingestion", [Roles.Auditor]),
        new("Lists", "GET", "/api/v1/access-log/lists", [Roles.Auditor]),
        new("Matching", "GET", "/api/v1/access-log/matching", [Roles.Auditor]),
        new("Repair", "GET", "/api/v1/access-log/repair", [Roles.Auditor]),
        new("Exchange", "GET", "/api/v1/access-log/exchange", [Roles.Auditor]),
        new("Repair", "POST", "/api/v1/repairs", [Roles.Subject, Roles.CreditCenter],
            """{"subjectCode":"9144030071526726XG","target":{"kind":"Record","id":"{repairTarget}"},"commitment":"承诺","evidence":[{"type":"Payment","description":"罚款已缴清"}]}"""),
        new("Repair", "GET", "/api/v1/repairs?status=Submitted", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/repairs/{repair}", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/repairs/{repair}/history", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/repairs/{repair}/acceptance", [Roles.MemberUnit, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/repairs/{acceptedRepair}/decision", [Roles.MemberUnit, Roles.CreditCenter],
            """{"approved":true,"decisionNumber":"深市监信修〔2026〕1号"}"""),
        new("Repair", "POST", "/api/v1/objections", [Roles.Subject],
            """{"subjectCode":"9144030071526726XG","target":{"kind":"Record","id":"{raiseTarget}"},"grounds":"处罚对象认定错误"}""",
            IdempotencyKey: "matrix-objection"),
        new("Repair", "GET", "/api/v1/objections?status=Open", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/objections/{objection}", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/objections/{objection}/history", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/objections/{objection}/resolution", [Roles.MemberUnit, Roles.CreditCenter],
            """{"upheld":false,"action":"None","reason":"信息与处罚决定书一致"}"""),
        new("Evaluation", "GET", "/api/v1/evaluations/9144030071526726XG",
            [Roles.CreditCenter, Roles.Auditor, Roles.MemberUnit, Roles.Approver, Roles.Subject]),
        new("Evaluation", "GET", "/api/v1/evaluations/9144030071526726XG?asOf={evaluationAsOf}", [Roles.Auditor, Roles.CreditCenter]),
        new("Evaluation", "GET", "/api/v1/evaluations/model", [.. Roles.All]),
        new("Evaluation", "GET", "/api/v1/evaluations/statistics?kind=LegalPerson&region=440300", [Roles.CreditCenter, Roles.Auditor]),
        new("Evaluation", "GET", "/api/v1/evaluations/9144030071526726XG/grade", [.. Roles.All], Public: true),
        new("Evaluation", "POST", "/api/v1/supervision/samplings", [Roles.MemberUnit, Roles.CreditCenter],
            """{"subjectCodes":["9144030071526726XG"],"baseRatio":0.1,"purpose":"授权矩阵抽查"}"""),
        new("Evaluation", "GET", "/api/v1/supervision/samplings/{sampling}", [Roles.MemberUnit, Roles.CreditCenter, Roles.Auditor]),
        new("Evaluation", "GET", "/api/v1/access-log/evaluation", [Roles.Auditor]),
        // Issue 18: reports, notices and the subject's own view (DESIGN §5.2), for the subject token's own code.
        new("Registry", "POST", "/api/v1/reports", [Roles.Subject, Roles.CreditCenter], $$"""{"subjectCode":"{{SubjectItself}}","purpose":"General"}"""),
        new("Registry", "GET", "/api/v1/reports/{report}", [Roles.Subject, Roles.CreditCenter, Roles.Auditor]),
        new("Registry", "GET", "/api/v1/reports/{report}/pdf", [Roles.Subject, Roles.CreditCenter, Roles.Auditor]),
        new("Registry", "GET", "/api/v1/reports/verification?number={reportNumber}&code=ABCD-EFGH-JKMN-PQRS", [.. Roles.All], Public: true),
        new("Registry", "GET", $"/api/v1/subjects/{SubjectItself}/queries", [Roles.Subject, Roles.Auditor]),
        new("Lists", "GET", $"/api/v1/subjects/{SubjectItself}/notices", [Roles.Subject, Roles.CreditCenter, Roles.Auditor]),
        new("Ingestion", "GET", $"/api/v1/records?subjectCode={SubjectItself}", [Roles.Subject, Roles.MemberUnit, Roles.CreditCenter, Roles.Auditor]),
        new("Lists", "GET", $"/api/v1/list-entries?subjectCode={SubjectItself}", [Roles.Subject, Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter]),
        // Exchange (DESIGN §4.10, §5.2); a subscription is its owner's alone, so the {subscription} routes allow the matrix approver only.
        new("Lists", "POST", "/api/v1/list-entries/imports", [Roles.CreditCenter], ExchangeMatrix.ImportBody),
        new("Exchange", "GET", "/api/v1/exchange/feed?after=0&limit=10", [Roles.Exchange, Roles.CreditCenter]),
        new("Exchange", "POST", "/api/v1/exchange/receipts", [Roles.Exchange], """{"upTo":0}"""),
        new("Exchange", "GET", "/api/v1/exchange/status", [Roles.CreditCenter, Roles.Auditor]),
        new("Exchange", "POST", "/api/v1/subscriptions", [Roles.Approver, Roles.MemberUnit, Roles.Exchange, Roles.CreditCenter], ExchangeMatrix.SubscriptionBody),
        new("Exchange", "GET", "/api/v1/subscriptions", [Roles.Approver, Roles.MemberUnit, Roles.Exchange, Roles.CreditCenter]),
        new("Exchange", "GET", "/api/v1/subscriptions/{subscription}", [Roles.Approver]),
        new("Exchange", "GET", "/api/v1/subscriptions/{subscription}/deliveries", [Roles.Approver]),
        new("Exchange", "DELETE", "/api/v1/subscriptions/{cancelledSubscription}", [Roles.Approver]),
    ];

    /// <summary>The code of the matrix's subject token (<see cref="TokenFor"/>).</summary>
    private const string SubjectItself = "9144030071526726XG";

    /// <summary>Tokens per role, as member units, approvers, the national platform and subjects hold them.</summary>
    public static string TokenFor(string role) => role switch
    {
        Roles.MemberUnit => DevTokens.For(role, unit: "11440300MB2C928511", user: "clerk-a"),
        Roles.Approver => DevTokens.For(role, unit: "APPROVAL-SZ-01", user: "approval-system-a"),
        Roles.Exchange => DevTokens.For(role, unit: "NATIONAL-PLATFORM", user: "xinyong-china"),
        Roles.Subject => DevTokens.For(role, subject: "9144030071526726XG", user: "enterprise-a"),
        _ => DevTokens.For(role),
    };

    /// <summary>Tokens every route refuses with 401 (a public route serves them as anonymous callers).</summary>
    private static readonly Dictionary<string, Func<string?>> RefusedTokens = new()
    {
        ["no token"] = () => null,
        ["expired token"] = () => DevTokens.Expired(Roles.Auditor),
        ["wrong signature"] = () => DevTokens.WrongSignature(Roles.Auditor),
        ["role list [member-unit, auditor]"] = () => DevTokens.RoleList("11440300MB2C928511", Roles.MemberUnit, Roles.Auditor),
        ["role list [auditor, member-unit]"] = () => DevTokens.RoleList("11440300MB2C928511", Roles.Auditor, Roles.MemberUnit),
        ["member unit without unit"] = () => DevTokens.For(Roles.MemberUnit),
        ["approver without unit"] = () => DevTokens.For(Roles.Approver),
        ["exchange without unit"] = () => DevTokens.For(Roles.Exchange),
        ["member unit with unit ' OR 1=1 --"] = () => DevTokens.For(Roles.MemberUnit, unit: "' OR 1=1 --"),
        ["subject without subject"] = () => DevTokens.For(Roles.Subject),
        ["subject with a malformed code"] = () => DevTokens.For(Roles.Subject, subject: "9144030071526726XA"),
        ["unknown role admin"] = () => DevTokens.For("admin"),
    };

    [OneTimeSetUp]
    public async Task RegisterTheSubjectsTheRoutesActOn()
    {
        using var clerk = RunningSystem.Client(TokenFor(Roles.MemberUnit));
        foreach (var code in new[] { Company, Closing })
        {
            var response = await clerk.PostAsync("/api/v1/subjects", new StringContent(Registration(code), System.Text.Encoding.UTF8, "application/json"));
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }
        var record = await clerk.PostAsync("/api/v1/records", new StringContent(RecordsTests.Penalty(Company, "PEN-MATRIX-READ").ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));
        Assert.That(record.IsSuccessStatusCode, Is.True, await record.Content.ReadAsStringAsync());
        _recordId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(record.Content))
            .GetProperty("recordId").GetString()!;
        var revocable = await clerk.PostAsync("/api/v1/records", new StringContent(RecordsTests.Penalty(Company, "PEN-MATRIX-REVOKE").ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));
        _revocableId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(revocable.Content))
            .GetProperty("recordId").GetString()!;
        using var proposing = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _listEntryId = (await ListsTests.ProposeWhenKnownAsync(clerk, ListsTests.Proposal(Company, _recordId), proposing.Token))
            .GetProperty("listEntryId").GetString()!;
        await RepairFixtures.CreateMatrixObjectsAsync();
        await EvaluationFixtures.CreateMatrixObjectsAsync();
        await ExchangeMatrix.CreateMatrixObjectsAsync(TokenFor(Roles.Approver));
        _matchId = await MatchForFeedbackAsync();
        (_reportId, _reportNumber) = await ReportAboutTheSubjectAsync();
    }

    /// <summary>A report about the subject token's own code, once the registry knows the subject (provisionally, from its records).</summary>
    private static async Task<(string Id, string Number)> ReportAboutTheSubjectAsync()
    {
        using var centre = RunningSystem.Client(TokenFor(Roles.CreditCenter));
        var report = await Eventually.UntilAsync(() => centre.PostAsync("/api/v1/reports", new StringContent(
                $$"""{"subjectCode":"{{SubjectItself}}","purpose":"General"}""", System.Text.Encoding.UTF8, "application/json")),
            r => r.StatusCode != HttpStatusCode.NotFound, "the registry to know the matrix subject");
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created), await report.Content.ReadAsStringAsync());
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(report.Content);
        return (body.GetProperty("reportId").GetString()!, body.GetProperty("reportNumber").GetString()!);
    }

    /// <summary>A match by the matrix approver (no hits, so empty feedback is complete; repeating it is a harmless retry).</summary>
    private static async Task<string> MatchForFeedbackAsync()
    {
        using var approver = RunningSystem.Client(TokenFor(Roles.Approver));
        var match = await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match",
            new { subjectCode = Company, matterCode = "GOV_PROCUREMENT" }), _ => true);
        return match.GetProperty("matchId").GetString()!;
    }

    private static string _recordId = "", _revocableId = "", _listEntryId = "", _matchId = "", _reportId = "", _reportNumber = "";

    private static string Resolve(string path) =>
        ExchangeMatrix.Resolve(EvaluationFixtures.ResolveMatrix(RepairFixtures.ResolveMatrix(path.Replace("{record}", _recordId).Replace("{revocable}", _revocableId)
            .Replace("{listEntry}", _listEntryId).Replace("{match}", _matchId).Replace("{reportNumber}", _reportNumber).Replace("{report}", _reportId))));

    public static IEnumerable<TestCaseData> Cases() =>
        from route in Routes
        from caller in Roles.All.Concat(RefusedTokens.Keys)
        from direct in new[] { false, true }
        select new TestCaseData(route, caller, direct).SetName($"{route} as {caller}{(direct ? " (direct to service)" : "")}");

    [TestCaseSource(nameof(Cases))]
    public async Task Each_route_answers_each_caller_as_its_rules_say(Route route, string caller, bool direct)
    {
        var refused = RefusedTokens.TryGetValue(caller, out var mint);
        using var client = RunningSystem.Client(refused ? mint!() : TokenFor(caller), direct, route.Service);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), Resolve(route.Path));
        if (route.Body is not null) request.Content = new StringContent(Resolve(route.Body), System.Text.Encoding.UTF8, "application/json");
        if (route.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", route.IfMatch);
        if (route.IdempotencyKey is not null) request.Headers.Add("Idempotency-Key", route.IdempotencyKey);

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        if (route.Public || (!refused && route.Allowed.Contains(caller)))
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {body}");
        else
            Assert.That(response.StatusCode, Is.EqualTo(refused ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), body);
        if (!response.IsSuccessStatusCode)
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public void Every_route_of_every_service_is_in_the_matrix()
    {
        var missing = new List<string>();
        foreach (var (service, provider) in RunningSystem.Services)
            foreach (var endpoint in provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                var template = endpoint.RoutePattern.RawText ?? "";
                if (!template.StartsWith("/api/", StringComparison.Ordinal)) continue; // health and the OpenAPI document
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
                var matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
                if (!Routes.Any(r => r.Service == service && methods.Contains(r.Method)
                        && matcher.TryMatch(r.Path.Split('?')[0], new RouteValueDictionary())))
                    missing.Add($"{service}: {string.Join(",", methods)} {template}");
            }
        Assert.That(missing, Is.Empty, "routes the matrix does not call");
    }
}
