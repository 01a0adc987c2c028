using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Testing;

namespace CreditMesh.EndToEndTests;

/// <summary>
/// Issue 14 on the system as the README runs it: a natural person's ID number, sent in URLs, bodies and free text, reaches a
/// member unit and the public only masked; bad input is refused before it is stored. LogPrivacyTests then looks for every
/// ID number used here in the logs.
/// </summary>
[NonParallelizable]
[Order(2)]
public sealed class PrivacyStoryTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    private static string Sent(string id)
    {
        Api.IdNumbersSent[id] = true;
        return id;
    }

    private static string Masked(string id) => id[..6] + "********" + id[14..];

    [Test]
    public async Task A_persons_id_number_reaches_others_masked_and_bad_input_is_refused()
    {
        var person = Sent(TestCodes.IdNumber(new DateOnly(1968, 7, 14), Random.Shared.Next(1000)));
        var inText = Sent(TestCodes.IdNumber(new DateOnly(2001, 12, 31), Random.Shared.Next(1000)));
        var company = TestCodes.CreditCode();
        using var unit = Api.As("member-unit", unit: Api.MarketRegulation, user: "privacy-clerk");
        using var auditor = Api.As("auditor", user: "privacy-auditor");
        using var anonymous = new HttpClient { BaseAddress = new Uri(SeparateProcessSystem.GatewayAddress) };

        // Given a natural person registered by a member unit: the unit sees the Location and the code masked, the auditor whole
        var registered = await unit.PostAsJsonAsync("/api/v1/subjects", new { code = person, kind = "NaturalPerson", name = "赵某" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        Assert.That(registered.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/subjects/{Masked(person)}"));
        Assert.That((await unit.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{person}")).GetProperty("code").GetString(), Is.EqualTo(Masked(person)));
        Assert.That((await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{person}")).GetProperty("code").GetString(), Is.EqualTo(person));

        // When a penalty names an ID number in its content, the public disclosure shows it masked
        var penalty = Api.Penalty(company, $"PRIV-{company}");
        penalty["penaltyContent"] = $"对当事人（身份证号ID{inText}）罚款5万元";
        Assert.That((await unit.PostAsJsonAsync("/api/v1/records", penalty)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var disclosed = "";
        await Api.EventuallyAsync(async () => (disclosed = await anonymous.GetStringAsync($"/api/v1/disclosures?code={company}")).Contains("身份证号"),
            Propagation, () => Task.FromResult($"the penalty is disclosed: {disclosed}"));
        Assert.That(disclosed, Does.Contain($"ID{Masked(inText)}").And.Not.Contain(inText));

        // And bad input is refused with the field named, before anything reaches the database
        var nul = await unit.PostAsync("/api/v1/subjects", new StringContent(
            $$"""{"code":"{{TestCodes.CreditCode()}}","kind":"LegalPerson","name":"企业\u0000ID{{inText}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(nul.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await nul.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _), Is.True);
        using var blind = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subjects/{person}") { Content = JsonContent.Create(new { name = "钱某" }) };
        Assert.That((await unit.SendAsync(blind)).StatusCode, Is.EqualTo((HttpStatusCode)428));
        Assert.That((await anonymous.GetAsync("/api/v1/disclosures?code=garbage")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{person}")).GetProperty("name").GetString(), Is.EqualTo("赵某"));
    }
}
