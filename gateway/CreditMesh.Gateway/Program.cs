using CreditMesh.Gateway;
using CreditMesh.ServiceDefaults;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHttpClient("health");
builder.Services.AddSingleton<ReadinessAggregator>();
builder.Services.AddReverseProxy();
builder.Services.AddSingleton<IProxyConfigProvider>(sp =>
{
    var options = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
    return new InMemoryConfigProvider(ServiceRoutes.Routes(), ServiceRoutes.Clusters(options));
});

var app = builder.Build();
app.UseExceptionHandler();
app.MapHealthChecks("/health/live");
app.MapGet("/health/ready", (ReadinessAggregator readiness, CancellationToken ct) => readiness.CheckAsync(ct));
app.MapReverseProxy();
app.Run();

/// <summary>Entry point type, named so tests can host the gateway in-process.</summary>
public partial class Program;
