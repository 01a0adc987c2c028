using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Object-level refusals on repair cases: another subject, another unit (谁认定、谁修复).</summary>
public sealed class RepairAccessTests
{
    public static IEnumerable<TestCaseData> OtherPartiesCases()
    {
        var other = TestCodes.CreditCode();
        yield return new TestCaseData("GET", "/api/v1/repairs/{repair}", DevTokens.For(Roles.Subject, subject: other)).SetName("subject X reads subject Y's case → 403");
        yield return new TestCaseData("GET", "/api/v1/repairs/{repair}/history", DevTokens.For(Roles.Subject, subject: other)).SetName("subject X reads Y's case history → 403");
        yield return new TestCaseData("GET", "/api/v1/repairs/{repair}", DevTokens.For(Roles.MemberUnit, unit: UnitB)).SetName("unit B reads unit A's case → 403");
        yield return new TestCaseData("POST", "/api/v1/repairs/{repair}/acceptance", DevTokens.For(Roles.MemberUnit, unit: UnitB)).SetName("unit B accepts unit A's case → 403");
        yield return new TestCaseData("POST", "/api/v1/repairs/{repair}/decision", DevTokens.For(Roles.MemberUnit, unit: UnitB)).SetName("unit B decides unit A's case → 403");
        yield return new TestCaseData("GET", $"/api/v1/repairs?unit={UnitA}", DevTokens.For(Roles.MemberUnit, unit: UnitB)).SetName("unit B reads unit A's queue → 403");
        yield return new TestCaseData("POST", "/api/v1/repairs", DevTokens.For(Roles.Subject, subject: other)).SetName("subject X applies for subject Y → 403");
    }

    [TestCaseSource(nameof(OtherPartiesCases))]
    [CancelAfter(60_000)]
    public async Task A_party_acting_on_another_subjects_or_units_case_is_refused(string method, string path, string token, CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var repairId = await OpenCaseAsync(code, ct);
        using var client = RunningSystem.Client(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{repair}", repairId));
        if (method == "POST")
            request.Content = JsonContent.Create(new
            {
                approved = true, decisionNumber = "N1", subjectCode = code, target = new { kind = "Record", id = "x" }, commitment = "c",
                evidence = new[] { new { type = "t", description = "d" } },
            });

        var response = await client.SendAsync(request, ct);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync(ct));
    }
}
