using System.Globalization;
using CreditMesh.EventSourcing;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>What a request contributes to the events it causes, and its optimistic-concurrency headers.</summary>
public static class RequestMetadata
{
    /// <summary>Correlation id, actor (unit or subject, user, role) and the Idempotency-Key as client request id.</summary>
    public static EventMetadata ToEventMetadata(this HttpContext http)
    {
        var caller = Caller.From(http.User);
        return new EventMetadata(http.CorrelationId(), null, new EventActor(caller.Unit ?? caller.Subject, caller.User, caller.Role),
            http.Request.Headers["Idempotency-Key"].FirstOrDefault());
    }

    /// <summary>If-Match: "&lt;version&gt;" → the expected stream version; null when absent or not a version.</summary>
    public static long? IfMatchVersion(this HttpContext http) =>
        long.TryParse(http.Request.Headers.IfMatch.FirstOrDefault()?.Trim('"', ' ', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>ETag: "&lt;version&gt;" of the stream the answer came from.</summary>
    public static void SetVersion(this HttpResponse response, long version) => response.Headers.ETag = $"\"{version}\"";
}
