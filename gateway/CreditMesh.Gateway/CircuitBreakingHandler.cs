using System.Net;
using System.Net.Mime;
using Polly;
using Polly.CircuitBreaker;
using Polly.Simmy;
using Yarp.ReverseProxy.Forwarder;

namespace CreditMesh.Gateway;

/// <summary>
/// One Polly circuit breaker per service: when most recent calls to a service failed (transport
/// errors, timeouts, 502/503/504), the gateway answers 503 at once for a while instead of piling
/// requests onto it, so one slow service cannot take the gateway down.
/// </summary>
public sealed class CircuitBreakingClientFactory(GatewayOptions options) : ForwarderHttpClientFactory
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new CircuitBreakingHandler(handler, context.ClusterId, options);
}

internal sealed class CircuitBreakingHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _service;

    public CircuitBreakingHandler(HttpMessageHandler inner, string service, GatewayOptions options) : base(inner)
    {
        _service = service;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<OperationCanceledException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
            });
        if (options.Chaos.AppliesTo(service))
        {
            var chaos = options.Chaos;
            if (chaos.LatencyRate > 0) pipeline.AddChaosLatency(chaos.LatencyRate, chaos.Latency);
            if (chaos.FaultRate > 0)
                pipeline.AddChaosFault(chaos.FaultRate, () => new HttpRequestException($"Injected fault on the way to the {service} service (Chaos:FaultRate)."));
        }
        _pipeline = pipeline.Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), ct);
        }
        catch (BrokenCircuitException e)
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent(
                    $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"Service unavailable","status":503,"detail":"The {{_service}} service is failing; the gateway stops calling it for a moment."}""",
                    System.Text.Encoding.UTF8, "application/problem+json"),
            };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(e.RetryAfter ?? TimeSpan.FromSeconds(5));
            return response;
        }
    }
}
