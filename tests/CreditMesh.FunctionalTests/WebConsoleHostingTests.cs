using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CreditMesh.FunctionalTests;

/// <summary>The gateway outside Development: the console is served, the development-token route does not exist (ADR 0010).</summary>
public sealed class WebConsoleHostingTests
{
    [Test]
    public async Task Outside_development_the_console_is_served_but_no_development_tokens_are_handed_out()
    {
        await using var gateway = new ProductionGateway();
        using var client = gateway.CreateClient();

        var console = await client.GetAsync("/console/");
        var tokens = await client.GetAsync("/console/dev-tokens");

        Assert.That(console.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await console.Content.ReadAsStringAsync(), Does.Contain("公共信用信息平台"));
        Assert.That(tokens.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private sealed class ProductionGateway : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:SigningKey", "a-production-like-secret-key-of-at-least-32-bytes");
            foreach (var service in new[] { "Registry", "Ingestion", "Lists", "Matching", "Repair" })
                builder.UseSetting($"Services:{service}", "http://127.0.0.1:9");
        }
    }
}
