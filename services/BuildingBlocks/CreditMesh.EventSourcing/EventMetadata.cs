using System.Text.Json;
using JasperFx.Events;
using Marten;

namespace CreditMesh.EventSourcing;

/// <summary>Who did it: the member unit (or subject), the user and the role from the caller's token or broker login.</summary>
public sealed record EventActor(string? Unit, string? User, string? Role)
{
    /// <summary>"role:unit:user", as history and access-log readers show it.</summary>
    public override string ToString() => $"{Role}:{Unit}:{User}";
}

/// <summary>
/// Stored with every event (DESIGN §3): correlation and causation ids in Marten's own columns; the actor, the
/// client's request id (Idempotency-Key) and the W3C trace parent in its headers, so the outbox relay
/// continues the trace that wrote the event.
/// </summary>
public sealed record EventMetadata(
    string? CorrelationId = null,
    string? CausationId = null,
    EventActor? Actor = null,
    string? ClientRequestId = null,
    string? TraceParent = null)
{
    public static readonly EventMetadata None = new();

    internal const string ActorUnit = "actor-unit", ActorUser = "actor-user", ActorRole = "actor-role";
    internal const string ClientRequest = "client-request-id", Trace = "traceparent";
    internal static readonly string[] HeaderKeys = [ActorUnit, ActorUser, ActorRole, ClientRequest, Trace];

    /// <summary>Stamps the session so every event it appends carries this metadata.</summary>
    public void ApplyTo(IDocumentSession session)
    {
        session.CorrelationId = CorrelationId;
        session.CausationId = CausationId;
        var trace = TraceParent ?? System.Diagnostics.Activity.Current?.Id;
        foreach (var (key, value) in new[]
                 {
                     (ActorUnit, Actor?.Unit), (ActorUser, Actor?.User), (ActorRole, Actor?.Role), (ClientRequest, ClientRequestId), (Trace, trace),
                 })
            if (value is not null) session.SetHeader(key, value);
    }

    /// <summary>The metadata an event was stored with.</summary>
    public static EventMetadata Of(IEvent e)
    {
        var unit = Header(e, ActorUnit);
        var user = Header(e, ActorUser);
        var role = Header(e, ActorRole);
        return new EventMetadata(e.CorrelationId, e.CausationId,
            unit is null && user is null && role is null ? null : new EventActor(unit, user, role),
            Header(e, ClientRequest), Header(e, Trace));
    }

    internal static string? Header(IEvent e, string key) =>
        e.Headers is { } headers && headers.TryGetValue(key, out var value)
            ? value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
                null => null,
                _ => value.ToString(),
            }
            : null;
}
