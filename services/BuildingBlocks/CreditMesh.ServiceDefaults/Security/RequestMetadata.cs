using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>A request's optimistic-concurrency headers: If-Match in, ETag out (the stream version).</summary>
public static class RequestMetadata
{
    /// <summary>
    /// If-Match: "&lt;version&gt;" (or W/"&lt;version&gt;") → the expected stream version; * or no header → null (any version).
    /// Anything else is a 400 (<see cref="InvalidHeaderException"/>); without the header where it is <paramref name="required"/>, a 428 (ADR 0012).
    /// </summary>
    public static long? IfMatchVersion(this HttpContext http, bool required = false)
    {
        var value = http.Request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0)
            return required
                ? throw new PreconditionRequiredException("This update needs If-Match with the ETag of the version it changes (from GET); * accepts any version.")
                : null;
        if (value == "*") return null;
        var tag = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        throw new InvalidHeaderException("If-Match", "If-Match must be one ETag as the API gives it, such as \"3\", or *.");
    }

    /// <summary>ETag: "&lt;version&gt;" of the stream the answer came from.</summary>
    public static void SetVersion(this HttpResponse response, long version) => response.Headers.ETag = $"\"{version}\"";
}

/// <summary>A request header that cannot be read (400 naming the header).</summary>
public sealed class InvalidHeaderException(string header, string message) : Exception(message)
{
    public string Header { get; } = header;
}

/// <summary>RFC 6585 §3: the update must be conditional (428).</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);
