using CreditMesh.Contracts.Vocabulary;
using System.Net;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.FunctionalTests.Stack.Exchange;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Object-level cases of the matrix: a caller whose role may use the route, acting on an object that is not theirs.</summary>
public sealed partial class AuthorizationMatrix
{
    private static readonly string UnitB = DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000X9", user: "clerk-b");
    private static readonly string SubjectB = DevTokens.For(Roles.Subject, subject: "91440300708461136T", user: "enterprise-b");

    private static string CorrectionBody() =>
        $$$"""{"reason":"not mine","record":{{{RecordsTests.Penalty(Company, "PEN-MATRIX-READ").ToJsonString()}}}}""";

    public static IEnumerable<TestCaseData> ObjectCases()
    {
        TestCaseData Case(string service, string method, string path, string token, string? body, string name) =>
            new TestCaseData(service, method, path, token, body).SetName(name);
        yield return Case("Ingestion", "GET", "/api/v1/records/{record}", UnitB, null, "unit B reads unit A's record → 403");
        yield return Case("Ingestion", "GET", "/api/v1/records/{record}/history", UnitB, null, "unit B reads unit A's record history → 403");
        yield return Case("Ingestion", "POST", "/api/v1/records/{revocable}/revocation", UnitB, """{"reason":"not mine"}""", "unit B revokes unit A's record → 403");
        yield return Case("Ingestion", "POST", "/api/v1/records/{record}/corrections", UnitB, CorrectionBody(), "unit B corrects unit A's record → 403");
        yield return Case("Ingestion", "GET", "/api/v1/quality?unit=11440300MB2C928511", UnitB, null, "unit B reads unit A's quality statistics → 403");
        // DESIGN §7: only the unit that registered a subject (or the credit centre) changes it; unit A registered Company.
        yield return Case("Registry", "PUT", $"/api/v1/subjects/{Company}", UnitB,
            """{"name":"测试企业","legalRepresentative":{"name":"李四","idNumber":"110105198001010016"}}""",
            "unit B re-points the legal representative of unit A's subject → 403");
        yield return Case("Registry", "POST", $"/api/v1/subjects/{Company}/legacy-codes", UnitB,
            $$"""{"legacyCode":"{{TestCodes.OrganisationCode(Company)}}"}""", "unit B links a legacy code to unit A's subject → 403");
        yield return Case("Registry", "POST", $"/api/v1/subjects/{Company}/deregistration", UnitB, """{"reason":"注销"}""",
            "unit B deregisters unit A's subject → 403");
        yield return Case("Repair", "GET", "/api/v1/objections?unit=11440300MB2C928511", UnitB, null, "unit B reads unit A's objection queue → 403");
        yield return Case("Lists", "POST", "/api/v1/list-entries/{listEntry}/removal", UnitB, """{"reason":"认定有误"}""",
            "unit B withdraws unit A's list entry → 403");
        yield return Case("Evaluation", "GET", $"/api/v1/evaluations/{Company}", TokenFor(Roles.Subject), null,
            "a subject reads another subject's evaluation → 403");
        yield return Case("Evaluation", "GET", "/api/v1/supervision/samplings/{sampling}", UnitB, null, "unit B reads unit A's draw → 403");
        // A subject never sees another subject's notices, records, queries or reports (issue 18).
        yield return Case("Registry", "GET", "/api/v1/reports/{report}", SubjectB, null, "subject B reads subject A's report → 403");
        yield return Case("Registry", "GET", "/api/v1/reports/{report}/pdf", SubjectB, null, "subject B reads subject A's report as PDF → 403");
        yield return Case("Registry", "POST", "/api/v1/reports", SubjectB, $$"""{"subjectCode":"{{SubjectItself}}","purpose":"General"}""",
            "subject B generates a report about subject A → 403");
        yield return Case("Lists", "GET", $"/api/v1/subjects/{SubjectItself}/notices", SubjectB, null, "subject B reads subject A's notices → 403");
        yield return Case("Registry", "GET", $"/api/v1/subjects/{SubjectItself}/queries", SubjectB, null, "subject B reads who queried subject A → 403");
        yield return Case("Ingestion", "GET", $"/api/v1/records?subjectCode={SubjectItself}", SubjectB, null, "subject B reads subject A's records → 403");
        yield return Case("Lists", "GET", $"/api/v1/list-entries?subjectCode={SubjectItself}", SubjectB, null, "subject B reads subject A's list entries → 403");
        foreach (var (path, method, body, what) in ExchangeMatrix.OwnerOnly)
        {
            yield return Case("Exchange", method, path, ExchangeMatrix.OtherApprover, body, $"another approval system {what} → 403");
            yield return Case("Exchange", method, path, TokenFor(Roles.CreditCenter), body, $"the credit centre {what} → 403");
        }
    }

    [TestCaseSource(nameof(ObjectCases))]
    public async Task A_caller_acting_on_another_units_or_subjects_object_is_refused(string service, string method, string path, string token, string? body)
    {
        foreach (var direct in new[] { false, true })
        {
            using var client = RunningSystem.Client(token, direct, service);
            using var request = new HttpRequestMessage(new HttpMethod(method), Resolve(path));
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task A_refused_change_to_a_subject_stores_nothing()
    {
        using var auditor = RunningSystem.Client(TokenFor(Roles.Auditor));
        using var before = await auditor.GetAsync($"/api/v1/subjects/{Company}");
        using var unitB = RunningSystem.Client(UnitB);

        await unitB.PostAsync($"/api/v1/subjects/{Company}/deregistration",
            new StringContent("""{"reason":"注销"}""", System.Text.Encoding.UTF8, "application/json"));

        using var after = await auditor.GetAsync($"/api/v1/subjects/{Company}");
        Assert.That(after.Headers.ETag, Is.EqualTo(before.Headers.ETag));
        Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("\"deregistered\":false"));
    }
}
