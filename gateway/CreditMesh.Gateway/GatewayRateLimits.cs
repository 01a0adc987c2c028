using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CreditMesh.Gateway;

/// <summary>
/// Per-client token buckets (built-in ASP.NET Core rate limiting). On authenticated routes a client is its token's identity
/// (role, then unit or subject, then user; the claims were checked before this runs, ADR 0012); the public role and callers
/// without a token are their IP address at the anonymous limit. Public routes (disclosures, the name search) always count
/// per IP address at the anonymous limit: no token, however valid, lifts it (DESIGN §7). Over the limit → 429 with Retry-After.
/// </summary>
public static class GatewayRateLimits
{
    public const string PolicyName = "per-client";

    /// <summary>The policy of the routes anyone may call without a token (<see cref="ServiceRoutes.AnonymousPaths"/>).</summary>
    public const string PublicPolicyName = "public";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, http => Bucket(http, Caller.From(http.User)));
            limiter.AddPolicy(PublicPolicyName, http => Bucket(http, Caller.Anonymous));
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await AuthenticationSetup.WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "This client sent more requests than its limit; retry after the number of seconds in Retry-After.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(HttpContext http, Caller caller)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var (key, perSecond) = caller.Role switch
        {
            null or Roles.Public => ("ip:" + http.Connection.RemoteIpAddress, options.AnonymousPerSecond),
            Roles.Approver => ($"{caller.Role}:{caller.Unit}:{caller.User}", options.ApproverPerSecond),
            Roles.MemberUnit => ($"{caller.Role}:{caller.Unit}:{caller.User}", options.MemberUnitPerSecond),
            _ => ($"{caller.Role}:{caller.Unit ?? caller.Subject}:{caller.User}", options.OtherRolesPerSecond),
        };
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
