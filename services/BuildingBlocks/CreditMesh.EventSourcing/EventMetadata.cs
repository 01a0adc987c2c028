namespace CreditMesh.EventSourcing;

/// <summary>Who did it: the member unit, the user and the role from the caller's token or broker login.</summary>
public sealed record EventActor(string? Unit, string? User, string? Role);

/// <summary>
/// Stored with every event (DESIGN §3): correlation and causation ids for tracing a record across
/// services, the actor, the client's request id (Idempotency-Key) and the W3C trace parent, so the
/// outbox relay continues the trace that wrote the event.
/// </summary>
public sealed record EventMetadata(
    string? CorrelationId = null,
    string? CausationId = null,
    EventActor? Actor = null,
    string? ClientRequestId = null,
    string? TraceParent = null)
{
    public static readonly EventMetadata None = new();
}
