using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.FunctionalTests;

/// <summary>The gateway in-process, in front of five small stand-in services listening on loopback.</summary>
public sealed class GatewayTests
{
    private static readonly string[] Services = ["Registry", "Ingestion", "Lists", "Matching", "Repair"];

    [Test]
    public async Task Each_api_area_reaches_its_own_service_with_path_and_query_intact()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();

        foreach (var (path, service) in new[]
        {
            ("/api/v1/subjects/9144030071526726XG", "Registry"), ("/api/v1/subjects/resolve?code=440301103097413", "Registry"),
            ("/api/v1/records/batch", "Ingestion"), ("/api/v1/disclosures?code=9144030071526726XG", "Ingestion"),
            ("/api/v1/quality?unit=U1", "Ingestion"), ("/api/v1/catalog", "Ingestion"),
            ("/api/v1/list-entries?status=Active", "Lists"), ("/api/v1/measures", "Matching"), ("/api/v1/match/batch", "Matching"),
            ("/api/v1/repairs/r-1/decision", "Repair"), ("/api/v1/objections", "Repair"),
        })
        {
            var answer = await client.GetFromJsonAsync<JsonElement>(path);
            Assert.That(answer.GetProperty("service").GetString(), Is.EqualTo(service), path);
            Assert.That(answer.GetProperty("path").GetString(), Is.EqualTo(path), path);
        }
        Assert.That((await client.GetAsync("/api/v1/unknown")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Readiness_is_healthy_only_when_every_service_is_and_names_the_one_that_is_not()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await backends.StopAsync("Lists");

        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body.GetProperty("services").GetProperty("Lists").GetProperty("status").GetString(), Is.EqualTo("Unreachable"));
        Assert.That(body.GetProperty("services").GetProperty("Registry").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private sealed class GatewayFactory(IReadOnlyDictionary<string, string> addresses) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (service, address) in addresses) builder.UseSetting($"Services:{service}", address);
        }
    }

    /// <summary>Stand-ins that answer with their own name and the path they were asked for.</summary>
    private sealed class Backends : IAsyncDisposable
    {
        private readonly Dictionary<string, WebApplication> _apps;

        private Backends(Dictionary<string, WebApplication> apps, Dictionary<string, string> addresses)
        {
            _apps = apps;
            Addresses = addresses;
        }

        public IReadOnlyDictionary<string, string> Addresses { get; }

        public static async Task<Backends> StartAsync(IEnumerable<string> services)
        {
            var apps = new Dictionary<string, WebApplication>();
            var addresses = new Dictionary<string, string>();
            foreach (var service in services)
            {
                var address = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls(address);
                var app = builder.Build();
                app.MapGet("/health/ready", () => Results.Json(new { status = "Healthy" }));
                app.MapFallback((HttpContext http) => Results.Json(new { service, path = http.Request.Path + http.Request.QueryString }));
                await app.StartAsync();
                apps[service] = app;
                addresses[service] = address;
            }
            return new Backends(apps, addresses);
        }

        public async Task StopAsync(string service)
        {
            await _apps[service].StopAsync();
            await _apps[service].DisposeAsync();
            _apps.Remove(service);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in _apps.Values) await app.DisposeAsync();
        }
    }
}
