using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>GET /api/v1/subjects?name=: the public portal's name search (ADR 0010).</summary>
public sealed class SubjectSearchTests
{
    private static HttpClient Clerk() => RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: "11440300MB2C928511", user: "search-clerk"));

    private static async Task RegisterAsync(string code, string kind, string name)
    {
        using var clerk = Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code, kind, name });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Anyone_finds_organisations_by_part_of_their_name_but_never_a_natural_person()
    {
        var marker = $"检索{Guid.NewGuid():N}"[..10];
        var (company, renamed, person) = (TestCodes.CreditCode(), TestCodes.CreditCode(), TestCodes.IdNumber(new DateOnly(1979, 6, 1), Random.Shared.Next(1000)));
        await RegisterAsync(company, "LegalPerson", $"深圳{marker}科技有限公司");
        await RegisterAsync(renamed, "LegalPerson", "改名前有限公司");
        await RegisterAsync(person, "NaturalPerson", marker);
        using (var clerk = Clerk())
        {
            using var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subjects/{renamed}") { Content = JsonContent.Create(new { name = $"{marker}改名后有限公司" }) };
            rename.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
            Assert.That((await clerk.SendAsync(rename)).IsSuccessStatusCode, Is.True);
        }
        using var anonymous = RunningSystem.Client();

        var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/subjects?name={Uri.EscapeDataString(marker)}");

        var items = found.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("code").GetString(), i.GetProperty("name").GetString())).ToList();
        Assert.That(items, Is.EquivalentTo(new[] { (company, $"深圳{marker}科技有限公司"), (renamed, $"{marker}改名后有限公司") }));
    }

    [TestCase("")]
    [TestCase("腾")]
    public async Task A_name_shorter_than_two_characters_is_refused_naming_the_field(string name)
    {
        using var anonymous = RunningSystem.Client();

        var response = await anonymous.GetAsync($"/api/v1/subjects?name={Uri.EscapeDataString(name)}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _), Is.True);
    }

    [Test]
    public async Task Registering_still_needs_a_token_at_the_gateway_although_the_search_path_is_public()
    {
        using var anonymous = RunningSystem.Client();

        var response = await anonymous.PostAsJsonAsync("/api/v1/subjects", new { code = TestCodes.CreditCode(), kind = "LegalPerson", name = "匿名登记有限公司" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
