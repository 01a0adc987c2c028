using System.Net;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// Every route of the system, called with every role, no token, an expired token and a token with a
/// wrong signature, through the gateway and directly at its service (each service checks again).
/// A new route joins with one line in <see cref="Routes"/>; per-object rules join <see cref="ObjectRules"/>.
/// </summary>
public sealed class AuthorizationMatrix
{
    /// <summary>A route, the service that owns it, and the roles that may call it.</summary>
    /// <remarks>A public route answers everyone, with or without a (valid) token.</remarks>
    public sealed record Route(string Service, string Method, string Path, string[] Allowed, string? Body = null, bool Public = false)
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
            """{"name":"测试企业","legalRepresentative":{"name":"张三","idNumber":"11010519491231002X"}}"""),
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
        new("Repair", "POST", "/api/v1/repairs", [Roles.Subject, Roles.CreditCenter],
            """{"subjectCode":"9144030071526726XG","target":{"kind":"Record","id":"{repairTarget}"},"commitment":"承诺","evidence":[{"type":"Payment","description":"罚款已缴清"}]}"""),
        new("Repair", "GET", "/api/v1/repairs?status=Submitted", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/repairs/{repair}", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/repairs/{repair}/history", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/repairs/{repair}/acceptance", [Roles.MemberUnit, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/repairs/{acceptedRepair}/decision", [Roles.MemberUnit, Roles.CreditCenter],
            """{"approved":true,"decisionNumber":"深市监信修〔2026〕1号"}"""),
        new("Repair", "POST", "/api/v1/objections", [Roles.Subject],
            """{"subjectCode":"9144030071526726XG","target":{"kind":"Record","id":"{objectionTarget}"},"grounds":"处罚对象认定错误"}"""),
        new("Repair", "GET", "/api/v1/objections?status=Open", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/objections/{objection}", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "GET", "/api/v1/objections/{objection}/history", [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter]),
        new("Repair", "POST", "/api/v1/objections/{objection}/resolution", [Roles.MemberUnit, Roles.CreditCenter],
            """{"upheld":false,"action":"None","reason":"信息与处罚决定书一致"}"""),
    ];

    /// <summary>Tokens per role, as member units, approvers and subjects hold them.</summary>
    public static string TokenFor(string role) => role switch
    {
        Roles.MemberUnit => DevTokens.For(role, unit: "11440300MB2C92851D", user: "clerk-a"),
        Roles.Approver => DevTokens.For(role, unit: "APPROVAL-SZ-01", user: "approval-system-a"),
        Roles.Subject => DevTokens.For(role, subject: "9144030071526726XG", user: "enterprise-a"),
        _ => DevTokens.For(role),
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
        _matchId = await MatchForFeedbackAsync();
    }

    /// <summary>A match by the matrix approver (no hits, so empty feedback is complete; repeating it is a harmless retry).</summary>
    private static async Task<string> MatchForFeedbackAsync()
    {
        using var approver = RunningSystem.Client(TokenFor(Roles.Approver));
        var match = await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match",
            new { subjectCode = Company, matterCode = "GOV_PROCUREMENT" }), _ => true);
        return match.GetProperty("matchId").GetString()!;
    }

    private static string _recordId = "", _revocableId = "", _listEntryId = "", _matchId = "";

    private static string Resolve(string path) =>
        RepairFixtures.ResolveMatrix(path.Replace("{record}", _recordId).Replace("{revocable}", _revocableId).Replace("{listEntry}", _listEntryId)
            .Replace("{match}", _matchId));

    /// <summary>Object-level cases: a caller whose role may use the route, acting on an object that is not theirs.</summary>
    public static IEnumerable<TestCaseData> ObjectCases()
    {
        yield return new TestCaseData("GET", "/api/v1/records/{record}", DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000XX"))
            .SetName("unit B reads unit A's record → 403");
        yield return new TestCaseData("GET", "/api/v1/records/{record}/history", DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000XX"))
            .SetName("unit B reads unit A's record history → 403");
        yield return new TestCaseData("POST", "/api/v1/records/{revocable}/revocation", DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000XX"))
            .SetName("unit B revokes unit A's record → 403");
        yield return new TestCaseData("POST", "/api/v1/records/{record}/corrections", DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000XX"))
            .SetName("unit B corrects unit A's record → 403");
        yield return new TestCaseData("GET", "/api/v1/quality?unit=11440300MB2C92851D", DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000XX"))
            .SetName("unit B reads unit A's quality statistics → 403");
    }

    [TestCaseSource(nameof(ObjectCases))]
    public async Task A_caller_acting_on_another_units_or_subjects_object_is_refused(string method, string path, string token)
    {
        foreach (var direct in new[] { false, true })
        {
            using var client = RunningSystem.Client(token, direct, "Ingestion");
            var request = new HttpRequestMessage(new HttpMethod(method), Resolve(path));
            if (method == "POST")
                request.Content = new StringContent($$$"""{"reason":"not mine","record":{{{RecordsTests.Penalty(Company, "PEN-MATRIX-READ").ToJsonString()}}}}""",
                    System.Text.Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
        }
    }

    public static IEnumerable<TestCaseData> Cases() =>
        from route in Routes
        from caller in Roles.All.Concat(["no token", "expired token", "wrong signature"])
        from direct in new[] { false, true }
        select new TestCaseData(route, caller, direct).SetName($"{route} as {caller}{(direct ? " (direct to service)" : "")}");

    [TestCaseSource(nameof(Cases))]
    public async Task Each_route_answers_each_caller_as_its_rules_say(Route route, string caller, bool direct)
    {
        var token = caller switch
        {
            "no token" => null,
            "expired token" => DevTokens.Expired(Roles.Auditor),
            "wrong signature" => DevTokens.WrongSignature(Roles.Auditor),
            _ => TokenFor(caller),
        };
        using var client = RunningSystem.Client(token, direct, route.Service);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), Resolve(route.Path));
        if (route.Body is not null) request.Content = new StringContent(Resolve(route.Body), System.Text.Encoding.UTF8, "application/json");

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        if (route.Public || (token is not null && !caller.Contains(' ') && route.Allowed.Contains(caller)))
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {body}");
        else
            Assert.That(response.StatusCode, Is.EqualTo(token is null || caller.Contains(' ') ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), body);
        if (!response.IsSuccessStatusCode)
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
