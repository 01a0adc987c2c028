using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Subjects through the gateway (DESIGN §4.1, §5): registration, idempotency, validation, resolve, masking.</summary>
public sealed class RegistryTests
{
    private static HttpClient Clerk() => RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.MemberUnit));

    private static object Company(string code, string name = "深圳市腾讯计算机系统有限公司", string[]? legacy = null) => new
    {
        code, kind = "LegalPerson", name,
        legalRepresentative = new { name = "马化腾", idNumber = "11010519491231002X" },
        legacyCodes = legacy ?? [],
    };

    [Test]
    public async Task Registering_a_valid_code_returns_201_and_the_same_registration_again_is_idempotent()
    {
        using var clerk = Clerk();
        var code = TestCodes.CreditCode();
        var first = await clerk.PostAsJsonAsync("/api/v1/subjects", Company(code));
        var again = await clerk.PostAsJsonAsync("/api/v1/subjects", Company($" {code.ToLowerInvariant()} "));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(first.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/subjects/{code}"));
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(created.GetProperty("kind").GetString(), Is.EqualTo("LegalPerson"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64(), Is.EqualTo(created.GetProperty("version").GetInt64()));
        Assert.That(again.Headers.ETag?.Tag, Is.EqualTo($"\"{created.GetProperty("version").GetInt64()}\""));
    }

    [TestCase("91110108717809965C", "code", "check")]
    [TestCase("９1330100799655058B", "code", "full-width")]
    [TestCase("9133010079965505", "code", "18")]
    public async Task An_invalid_code_is_a_400_problem_naming_the_field_and_nothing_is_stored(string code, string field, string hint)
    {
        using var clerk = Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/subjects", Company(code));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(hint).IgnoreCase);
        var trimmed = code.Trim();
        Assert.That((await clerk.GetAsync($"/api/v1/subjects/{Uri.EscapeDataString(trimmed)}")).StatusCode,
            Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Every_invalid_field_is_named_at_once()
    {
        using var clerk = Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/subjects", new
        {
            code = "91330100799655058B", kind = "Company", name = "",
            legalRepresentative = new { name = "张三", idNumber = "110105194902300021" },
            legacyCodes = new[] { "ABC" },
        });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "kind", "name", "legalRepresentative.idNumber", "legacyCodes[0]" }));
    }

    [Test]
    public async Task A_legacy_code_resolves_to_its_subject_and_one_linked_to_two_subjects_is_reported_not_guessed()
    {
        // Given a subject registered with its old organisation code, written the old way with a hyphen
        using var clerk = Clerk();
        var (code, other) = (TestCodes.CreditCode(), TestCodes.CreditCode());
        var organisationCode = TestCodes.OrganisationCode(code);
        await clerk.PostAsJsonAsync("/api/v1/subjects", Company(code, "华为技术有限公司", [organisationCode[..8] + "-" + organisationCode[8]]));

        // Then the legacy code and the canonical code both resolve to it
        Assert.That(await ResolveAsync(organisationCode), Is.EqualTo((HttpStatusCode.OK, code)));
        Assert.That(await ResolveAsync(code), Is.EqualTo((HttpStatusCode.OK, code)));

        // When a second subject is linked to the same organisation code (重错码)
        await clerk.PostAsJsonAsync("/api/v1/subjects", Company(other));
        var second = await clerk.PostAsJsonAsync($"/api/v1/subjects/{other}/legacy-codes", new { legacyCode = organisationCode });
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Then resolving it reports both candidates instead of guessing
        using var anyone = RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.Approver));
        var conflict = await anyone.GetAsync($"/api/v1/subjects/resolve?code={organisationCode}");
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()), Is.EquivalentTo(new[] { code, other }));
        Assert.That((await anyone.GetAsync("/api/v1/subjects/resolve?code=440301103097413")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase(Roles.Auditor, "11010519491231002X")]
    [TestCase(Roles.CreditCenter, "11010519491231002X")]
    [TestCase(Roles.MemberUnit, "110105********002X")]
    [TestCase(Roles.Approver, "110105********002X")]
    [TestCase(Roles.Subject, "110105********002X")]
    [TestCase(Roles.Public, "110105********002X")]
    public async Task The_legal_representatives_id_number_is_masked_for_every_role_but_auditors_and_the_credit_centre(string role, string shown)
    {
        using var clerk = Clerk();
        var code = TestCodes.CreditCode();
        await clerk.PostAsJsonAsync("/api/v1/subjects", Company(code));
        using var reader = RunningSystem.Client(AuthorizationMatrix.TokenFor(role));

        var subject = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}");

        Assert.That(subject.GetProperty("legalRepresentative").GetProperty("idNumber").GetString(), Is.EqualTo(shown));
    }

    [Test]
    public async Task An_update_with_a_stale_if_match_is_refused_with_409()
    {
        using var clerk = Clerk();
        var code = TestCodes.CreditCode();
        var created = await clerk.PostAsJsonAsync("/api/v1/subjects", Company(code));
        var version = created.Headers.ETag!.Tag;
        var body = new { name = "新名称 " + Guid.NewGuid().ToString("N")[..6], legalRepresentative = new { name = "马化腾", idNumber = "11010519491231002X" } };

        using var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subjects/{code}") { Content = JsonContent.Create(body) };
        first.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(version));
        var updated = await clerk.SendAsync(first);
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subjects/{code}") { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(version));
        var refused = await clerk.SendAsync(stale);

        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await updated.Content.ReadAsStringAsync());
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    private static async Task<(HttpStatusCode, string?)> ResolveAsync(string code)
    {
        using var client = RunningSystem.Client(DevTokens.For(Roles.Public));
        var response = await client.GetAsync($"/api/v1/subjects/resolve?code={code}");
        return (response.StatusCode, response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString() : null);
    }
}
