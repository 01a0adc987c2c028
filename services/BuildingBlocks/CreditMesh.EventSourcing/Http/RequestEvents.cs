using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.EventSourcing.Http;

/// <summary>What a request contributes to the events it causes.</summary>
public static class RequestEvents
{
    /// <summary>Correlation id, actor (unit or subject, user, role) and the Idempotency-Key as client request id.</summary>
    public static EventMetadata ToEventMetadata(this HttpContext http)
    {
        var caller = Caller.From(http.User);
        return new EventMetadata(http.CorrelationId(), null, new EventActor(caller.Unit ?? caller.Subject, caller.User, caller.Role),
            http.Request.Headers["Idempotency-Key"].FirstOrDefault());
    }

    /// <summary>
    /// The id of an object a request creates (a case, an objection, a draw). With an Idempotency-Key (DESIGN §5) it follows from the
    /// caller and the key, so a retried request names the same stream and finds it already there instead of creating a second
    /// one; without, a new time-ordered id.
    /// </summary>
    public static string IdFor(this HttpContext http)
    {
        if (http.Request.Headers["Idempotency-Key"].FirstOrDefault() is not { Length: > 0 } key) return Guid.CreateVersion7().ToString("N");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Caller.From(http.User)}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
