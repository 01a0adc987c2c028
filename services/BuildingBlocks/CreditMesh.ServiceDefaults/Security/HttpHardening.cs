using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>Correlation ids and response security headers, shared by the gateway and the services.</summary>
public static partial class HttpHardening
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// Takes the caller's X-Correlation-Id when it is a sane token, or makes one; puts it on the request
    /// (so the gateway forwards it), the response, the current trace and <see cref="HttpContext.Items"/>.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var given = http.Request.Headers[CorrelationHeader].ToString();
        var id = given.Length is > 0 and <= 64 && SafeId().IsMatch(given) ? given : Guid.NewGuid().ToString("N");
        http.Request.Headers[CorrelationHeader] = id;
        http.Items[CorrelationHeader] = id;
        Activity.Current?.SetTag("creditmesh.correlation_id", id);
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[CorrelationHeader] = id;
            return Task.CompletedTask;
        });
        await next(http);
    });

    public static string? CorrelationId(this HttpContext http) => http.Items[CorrelationHeader] as string;

    /// <summary>An API answers JSON only: no sniffing, no framing, no caching of credit data, no referrer leaks.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(http);
    });

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeId();
}
