using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>A request's optimistic-concurrency headers: If-Match in, ETag out (the stream version).</summary>
public static class RequestMetadata
{
    /// <summary>If-Match: "&lt;version&gt;" → the expected stream version; null when absent or not a version.</summary>
    public static long? IfMatchVersion(this HttpContext http) =>
        long.TryParse(http.Request.Headers.IfMatch.FirstOrDefault()?.Trim('"', ' ', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>ETag: "&lt;version&gt;" of the stream the answer came from.</summary>
    public static void SetVersion(this HttpResponse response, long version) => response.Headers.ETag = $"\"{version}\"";
}
