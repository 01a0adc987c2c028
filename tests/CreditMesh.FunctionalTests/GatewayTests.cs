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
    internal static readonly string[] Services = ["Registry", "Ingestion", "Lists", "Matching", "Repair", "Evaluation", "Exchange"];

    [Test]
    public async Task Each_api_area_reaches_its_own_service_with_path_and_query_intact()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor"));

        foreach (var (path, service) in new[]
        {
            ("/api/v1/subjects/9144030071526726XG", "Registry"), ("/api/v1/subjects/resolve?code=440301103097413", "Registry"),
            ("/api/v1/records/batch", "Ingestion"), ("/api/v1/disclosures?code=9144030071526726XG", "Ingestion"),
            ("/api/v1/quality?unit=U1", "Ingestion"), ("/api/v1/catalog", "Ingestion"),
            ("/api/v1/list-entries?status=Active", "Lists"), ("/api/v1/measures", "Matching"), ("/api/v1/match/batch", "Matching"),
            ("/api/v1/repairs/r-1/decision", "Repair"), ("/api/v1/objections", "Repair"),
            ("/api/v1/evaluations/model", "Evaluation"), ("/api/v1/supervision/samplings/s-1", "Evaluation"),
            ("/api/v1/exchange/feed?after=0", "Exchange"), ("/api/v1/subscriptions", "Exchange"), ("/api/v1/subscriptions/s-1/deliveries", "Exchange"),
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

    [Test]
    public async Task Without_a_valid_token_only_disclosures_pass_the_gateway()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();

        Assert.That((await client.GetAsync("/api/v1/disclosures?code=9144030071526726XG")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var token in new string?[] { null, DevTokens.Expired("auditor"), DevTokens.WrongSignature("auditor"), "not-a-jwt" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/records/r-1");
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), token ?? "no token");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
        Assert.That(backends.Requests("Ingestion").Select(r => r.Path), Is.EqualTo(new[] { "/api/v1/disclosures?code=9144030071526726XG" }),
            "nothing unauthenticated but the disclosure query reached the service");
    }

    [Test]
    public async Task A_burst_over_the_clients_limit_gets_429_with_retry_after_and_other_clients_are_unaffected()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses, ("RateLimits:OtherRolesPerSecond", "5"));
        var noisy = gateway.CreateClient();
        noisy.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor", user: "noisy"));
        var quiet = gateway.CreateClient();
        quiet.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor", user: "quiet"));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => noisy.GetAsync("/api/v1/catalog")));
        var refills = (int)Math.Ceiling(clock.Elapsed.TotalSeconds); // the bucket refills 5 each second, at any phase of the burst

        var rejected = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.That(rejected, Is.Not.Empty);
        Assert.That(burst.Count(r => r.IsSuccessStatusCode), Is.LessThanOrEqualTo(5 * (1 + refills)));
        Assert.That(rejected[0].Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That((await quiet.GetAsync("/api/v1/catalog")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_oversized_body_is_refused_with_413_before_it_reaches_a_service()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses, ("MaxRequestBodyBytes", "4096"));
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("member-unit", unit: "11440300MB2C928511"));

        var response = await client.PostAsync("/api/v1/records/batch", new StringContent(new string('x', 5000), System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(backends.Requests("Ingestion"), Is.Empty);
        Assert.That((await client.PostAsync("/api/v1/records/batch", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_stalled_service_is_answered_504_while_other_routes_keep_working_then_its_circuit_opens_with_503()
    {
        await using var backends = await Backends.StartAsync(Services, stalled: "Lists");
        await using var gateway = new GatewayFactory(backends.Addresses, ("ServiceTimeout", "00:00:01"), ("CircuitMinimumThroughput", "3"));
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor"));

        var stalled = client.GetAsync("/api/v1/list-entries?status=Active");
        var other = await client.GetAsync("/api/v1/subjects/9144030071526726XG");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another service answers while one stalls");
        Assert.That((await stalled).StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));

        var afterward = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) afterward.Add((await client.GetAsync("/api/v1/list-entries")).StatusCode);
        Assert.That(afterward[^1], Is.EqualTo(HttpStatusCode.ServiceUnavailable), string.Join(",", afterward));
        Assert.That((await client.GetAsync("/api/v1/measures")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Injected_faults_and_latency_on_one_service_are_contained_by_timeouts_and_the_circuit_breaker()
    {
        // Given Polly chaos strategies: one gateway where every call to Lists fails, one where every call to Repair is too slow
        await using var backends = await Backends.StartAsync(Services);
        await using var faulty = new GatewayFactory(backends.Addresses, ("Chaos:Services:0", "Lists"), ("Chaos:FaultRate", "1"),
            ("CircuitMinimumThroughput", "3"));
        await using var slow = new GatewayFactory(backends.Addresses, ("Chaos:Services:0", "Repair"), ("Chaos:LatencyRate", "1"),
            ("Chaos:Latency", "00:00:03"), ("ServiceTimeout", "00:00:01"));
        var client = faulty.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor"));
        var slowClient = slow.CreateClient();
        slowClient.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For("auditor"));

        // When clients keep calling them, and another service
        var lists = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) lists.Add((await client.GetAsync("/api/v1/list-entries")).StatusCode);
        var repair = await slowClient.GetAsync("/api/v1/repairs");
        var registry = await client.GetAsync("/api/v1/subjects/9144030071526726XG");
        var registryBehindSlow = await slowClient.GetAsync("/api/v1/subjects/9144030071526726XG");

        // Then the faulty service is answered 502 and then 503 by its open circuit, the slow one 504, the others normally
        Assert.That(lists[0], Is.EqualTo(HttpStatusCode.BadGateway), string.Join(",", lists));
        Assert.That(lists[^1], Is.EqualTo(HttpStatusCode.ServiceUnavailable), string.Join(",", lists));
        Assert.That(repair.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That(registry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(registryBehindSlow.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(backends.Requests("Lists"), Is.Empty, "injected faults never reach the service");
    }

    [Test]
    public async Task Responses_carry_security_headers_and_the_correlation_id_reaches_the_service()
    {
        await using var backends = await Backends.StartAsync(Services);
        await using var gateway = new GatewayFactory(backends.Addresses);
        var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/disclosures?code=X");
        request.Headers.Add("X-Correlation-Id", "trace-me-42");

        var response = await client.SendAsync(request);

        Assert.That(response.Headers.GetValues("X-Correlation-Id"), Is.EqualTo(new[] { "trace-me-42" }));
        Assert.That(backends.Requests("Ingestion").Single().CorrelationId, Is.EqualTo("trace-me-42"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    internal sealed class GatewayFactory(IReadOnlyDictionary<string, string> addresses, params (string Key, string Value)[] settings)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (service, address) in addresses) builder.UseSetting($"Services:{service}", address);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    /// <summary>Stand-ins that answer with their own name and the path they were asked for.</summary>
    internal sealed class Backends : IAsyncDisposable
    {
        private readonly Dictionary<string, WebApplication> _apps;
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Service, string Path, string? CorrelationId)> _requests = new();

        private Backends(Dictionary<string, WebApplication> apps, Dictionary<string, string> addresses)
        {
            _apps = apps;
            Addresses = addresses;
        }

        public IReadOnlyDictionary<string, string> Addresses { get; }

        public IReadOnlyList<(string Path, string? CorrelationId)> Requests(string service) =>
            _requests.Where(r => r.Service == service).Select(r => (r.Path, r.CorrelationId)).ToList();

        public static async Task<Backends> StartAsync(IEnumerable<string> services, string? stalled = null)
        {
            var apps = new Dictionary<string, WebApplication>();
            var addresses = new Dictionary<string, string>();
            var backends = new Backends(apps, addresses);
            foreach (var service in services)
            {
                var address = $"http://127.0.0.1:{ProcessRunner.FreePort()}";
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls(address);
                var app = builder.Build();
                app.MapGet("/health/ready", () => Results.Json(new { status = "Healthy" }));
                app.MapFallback(async (HttpContext http) =>
                {
                    var path = http.Request.Path + http.Request.QueryString;
                    backends._requests.Enqueue((service, path, http.Request.Headers["X-Correlation-Id"].FirstOrDefault()));
                    if (service == stalled) await Task.Delay(Timeout.Infinite, http.RequestAborted);
                    return Results.Json(new { service, path });
                });
                await app.StartAsync();
                apps[service] = app;
                addresses[service] = address;
            }
            return backends;
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
