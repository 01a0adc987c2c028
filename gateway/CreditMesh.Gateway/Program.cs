using CreditMesh.Gateway;
using CreditMesh.ServiceDefaults;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value);
builder.Services.AddAuthorizationBuilder().AddPolicy(ServiceRoutes.AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
builder.Services.AddGatewayRateLimits(builder.Configuration);
builder.Services.AddWebConsole(builder.Configuration);
builder.Services.AddHttpClient("health");
builder.Services.AddSingleton<ReadinessAggregator>();
builder.Services.AddReverseProxy();
builder.Services.AddSingleton<IForwarderHttpClientFactory, CircuitBreakingClientFactory>();
builder.Services.AddSingleton<IProxyConfigProvider>(sp =>
    new InMemoryConfigProvider(ServiceRoutes.Routes(), ServiceRoutes.Clusters(sp.GetRequiredService<GatewayOptions>())));
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>(nameof(GatewayOptions.MaxRequestBodyBytes)) ?? new GatewayOptions().MaxRequestBodyBytes);

var app = builder.Build();
app.UseExceptionHandler();
app.UseCorrelationId();
app.UseWebConsoleHeaders();
app.UseSecurityHeaders();
app.UseLocationMasking();
app.UseRequestBodyLimit();
app.UseWebConsole();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapHealthChecks("/health/live");
app.MapGet("/health/ready", (ReadinessAggregator readiness, CancellationToken ct) => readiness.CheckAsync(ct));
app.MapReverseProxy();
app.Run();

/// <summary>Entry point type, named so tests can host the gateway in-process.</summary>
public partial class Program;
