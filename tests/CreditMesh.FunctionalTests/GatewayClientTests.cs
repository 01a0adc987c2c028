using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.GatewayTests;

namespace CreditMesh.FunctionalTests;

/// <summary>Issue 14 at the gateway, in front of stand-in services: claims refused there, public routes' anonymous limit (ADR 0012).</summary>
public sealed class GatewayClientTests
{
    [TestCase("/api/v1/disclosures?code=9144030071526726XG", "member-unit", TestName = "A member unit's token does not lift the anonymous limit on disclosures")]
    [TestCase("/api/v1/subjects?name=腾讯", "auditor", TestName = "An auditor's token does not lift the anonymous limit on the name search")]
    [TestCase("/api/v1/catalog", "public", TestName = "The public role is limited like an anonymous caller on other routes too")]
    public async Task A_token_never_lifts_the_anonymous_limit_on_public_routes(string path, string role)
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses, ("RateLimits:AnonymousPerSecond", "5"));
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For(role, unit: role == "member-unit" ? "11440300MB2C928511" : null));
        await client.GetAsync("/health/live"); // start the host before the clock (not rate-limited)

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(path)));
        var refills = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        // Without the rule the token's own limit (200/s or 1,000/s) would have let all 20 through.
        Assert.That(burst.Count(r => r.IsSuccessStatusCode), Is.LessThanOrEqualTo(5 * (1 + refills)), "the anonymous limit of 5/s holds");
        Assert.That(burst.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_token_whose_claims_break_the_rules_is_refused_at_the_gateway_and_reaches_no_service()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();

        foreach (var token in new[] { DevTokens.RoleList("11440300MB2C928511", "member-unit", "auditor"), DevTokens.For("member-unit"), DevTokens.For("subject") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/repairs");
            request.Headers.Authorization = new("Bearer", token);
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("claim"));
        }
        Assert.That(backends.Requests("Repair"), Is.Empty);
    }
}
