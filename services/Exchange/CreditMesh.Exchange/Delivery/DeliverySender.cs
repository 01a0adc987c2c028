using System.Net.Http.Headers;
using System.Text;
using CreditMesh.Exchange.Domain.Deliveries;
using CreditMesh.Exchange.Domain.Subscriptions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CreditMesh.Exchange.Delivery;

/// <summary>What one delivery round came to: delivered (2xx), or why not, with the subscriber's status code when it answered.</summary>
public sealed record SendOutcome(bool Delivered, int? ResponseStatus, string? Error);

/// <summary>
/// Posts one delivery: the stored body as it is, signed (X-CreditMesh-Signature: sha256=…), with its delivery id and event in
/// headers. The callback is checked against the allow-list again first; redirects are not followed and count as a failure (no SSRF,
/// DESIGN §4.10). The HTTP client's Polly pipeline bounds each attempt (Exchange:Delivery:AttemptTimeout) and retries a refused
/// connection or a 5xx a few times at once; longer outages are the dispatcher's exponential backoff.
/// </summary>
public sealed class DeliverySender(IHttpClientFactory clients, IOptions<ExchangeOptions> options)
{
    public const string ClientName = "webhooks";

    private readonly CallbackPolicy _policy = new(options.Value.AllowedHosts);

    public async Task<SendOutcome> SendAsync(PendingDelivery delivery, CancellationToken ct)
    {
        if (_policy.Refusal(delivery.CallbackUrl) is { } refused) return new SendOutcome(false, null, refused);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.CallbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSecurity.SignatureHeader,
            WebhookSecurity.Sign(WebhookSecurity.SecretFor(options.Value.SecretKey, delivery.SubscriptionId), body));
        request.Headers.TryAddWithoutValidation(WebhookSecurity.DeliveryHeader, delivery.DeliveryId.ToString());
        request.Headers.TryAddWithoutValidation(WebhookSecurity.EventHeader, delivery.Event);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new SendOutcome(true, status, null),
                >= 300 and < 400 => new SendOutcome(false, status, "redirect refused: callbacks are not followed elsewhere"),
                _ => new SendOutcome(false, status, $"the subscriber answered {status}"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new SendOutcome(false, null, e is HttpRequestException ? $"no answer: {e.Message}" : "no answer within the attempt timeout");
        }
    }

    /// <summary>The named client: no redirects, bounded connect, the per-attempt timeout and quick retries of the resilience pipeline.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline bounds every attempt and the whole round
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CreditMesh-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectTimeout = sp.GetRequiredService<IOptions<ExchangeOptions>>().Value.Delivery.AttemptTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseProxy = false,
            })
            .AddResilienceHandler("webhook-delivery", (pipeline, context) =>
            {
                var delivery = context.ServiceProvider.GetRequiredService<IOptions<ExchangeOptions>>().Value.Delivery;
                pipeline.AddTimeout(delivery.AttemptTimeout * (delivery.QuickRetries + 1) + TimeSpan.FromSeconds(2));
                if (delivery.QuickRetries > 0)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = delivery.QuickRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = TimeSpan.FromMilliseconds(200),
                        UseJitter = true,
                    });
                pipeline.AddTimeout(delivery.AttemptTimeout);
            });
    }
}
