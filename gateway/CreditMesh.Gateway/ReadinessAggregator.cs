using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CreditMesh.Gateway;

/// <summary>/health/ready of the whole system: every service asked in parallel, each with a timeout.</summary>
public sealed class ReadinessAggregator(IHttpClientFactory clients, IOptions<GatewayOptions> options)
{
    public async Task<IResult> CheckAsync(CancellationToken ct)
    {
        var checks = ServiceRoutes.PathsByService.Keys.Select(service => CheckAsync(service, ct)).ToList();
        var results = await Task.WhenAll(checks);
        var healthy = results.All(r => r.Status == "Healthy");
        var body = new { status = healthy ? "Healthy" : "Unhealthy", services = results.ToDictionary(r => r.Service, r => (object)r) };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<ServiceHealth> CheckAsync(string service, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.HealthTimeout);
        try
        {
            var client = clients.CreateClient("health");
            using var response = await client.GetAsync(new Uri(new Uri(options.Value.AddressOf(service)), "/health/ready"), timeout.Token);
            var detail = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            return new ServiceHealth(service, response.IsSuccessStatusCode ? "Healthy" : "Unhealthy", detail);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return new ServiceHealth(service, "Unreachable", e.Message);
        }
    }

    private sealed record ServiceHealth(string Service, string Status, object? Detail);
}
