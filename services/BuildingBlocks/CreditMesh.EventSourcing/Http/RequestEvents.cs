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
}
