using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.BadInputTests;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Issue 14, item 8: If-Match, JSON types, duplicate keys and query codes (ADR 0012).</summary>
public sealed class BadRequestShapeTests
{
    private static async Task<(string Code, string ETag)> RegisteredAsync(HttpClient clerk)
    {
        var code = TestCodes.CreditCode();
        var created = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code, kind = "LegalPerson", name = "条件更新企业" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (code, created.Headers.ETag!.Tag);
    }

    private static HttpRequestMessage Rename(string code, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subjects/{code}") { Content = JsonContent.Create(new { name = "新名称企业" }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Test]
    public async Task A_malformed_if_match_is_400_and_an_update_without_one_is_428_and_neither_changes_the_subject()
    {
        using var clerk = Clerk();
        var (code, etag) = await RegisteredAsync(clerk);

        var garbage = await JsonAsync(await clerk.SendAsync(Rename(code, "garbage")), HttpStatusCode.BadRequest);
        var missing = await clerk.SendAsync(Rename(code, null));
        using var deregister = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/subjects/{code}/deregistration") { Content = Json("""{"reason":"注销"}""") };
        deregister.Headers.TryAddWithoutValidation("If-Match", "\"2\" garbage");
        var deregistration = await JsonAsync(await clerk.SendAsync(deregister), HttpStatusCode.BadRequest);

        Assert.That(garbage.GetProperty("errors").TryGetProperty("If-Match", out _), Is.True);
        Assert.That(deregistration.GetProperty("errors").TryGetProperty("If-Match", out _), Is.True);
        Assert.That(missing.StatusCode, Is.EqualTo((HttpStatusCode)428));
        var subject = await clerk.GetAsync($"/api/v1/subjects/{code}");
        Assert.That(subject.Headers.ETag!.Tag, Is.EqualTo(etag), "nothing was stored");
        Assert.That((await clerk.SendAsync(Rename(code, etag))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "with the ETag it read, the unit updates");
    }

    [Test]
    public async Task A_value_of_the_wrong_type_names_the_field()
    {
        using var clerk = Clerk();
        var record = RecordsTests.Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}");
        record["fineAmount"] = "五万元";

        var problem = await JsonAsync(await clerk.PostAsJsonAsync("/api/v1/records", record), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty("fineAmount")[0].GetString(), Does.Contain("wrong JSON type"));
    }

    [Test]
    public async Task Duplicate_keys_are_refused_and_nothing_is_stored()
    {
        using var clerk = Clerk();
        var code = TestCodes.CreditCode();

        var problem = await JsonAsync(await clerk.PostAsync("/api/v1/subjects",
            Json($$"""{"code":"{{code}}","kind":"LegalPerson","name":"甲企业","name":"乙企业"}""")), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True);
        Assert.That((await clerk.GetAsync($"/api/v1/subjects/{code}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/api/v1/disclosures?code=garbage", "code", null)]
    [TestCase("/api/v1/disclosures?code=91110108717809965C", "code", null)]
    [TestCase("/api/v1/list-entries?subjectCode=garbage", "subjectCode", Roles.Auditor)]
    [TestCase("/api/v1/quality?unit=%27%20OR%201%3D1%20--", "unit", Roles.CreditCenter)]
    [TestCase("/api/v1/repairs?unit=%27%20OR%201%3D1%20--", "unit", Roles.Auditor)]
    [TestCase("/api/v1/objections?unit=garbage", "unit", Roles.Auditor)]
    [TestCase("/api/v1/match/statistics?unit=garbage", "unit", Roles.Auditor)]
    [TestCase("/api/v1/subjects?name=%E4%BC%81%00%E4%B8%9A", "name", null)]
    [TestCase("/api/v1/quality?from=yesterday", "from", Roles.CreditCenter)]
    public async Task A_malformed_query_value_is_400_naming_the_parameter(string path, string parameter, string? role)
    {
        using var client = RunningSystem.Client(role is null ? null : AuthorizationMatrix.TokenFor(role));

        var problem = await JsonAsync(await client.GetAsync(path), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, problem.ToString());
    }
}
