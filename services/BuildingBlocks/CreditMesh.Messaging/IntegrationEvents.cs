using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using JasperFx.Events;

namespace CreditMesh.Messaging;

/// <summary>Turns a service's stored domain events into the integration events it publishes (none for most).</summary>
public interface IIntegrationEventMapper
{
    IEnumerable<IIntegrationEvent> Map(IEvent stored);

    /// <summary>
    /// Stored event types this mapper never publishes; the relay does not read them at all. Leaving one out costs only
    /// reading it; naming a type the mapper does publish would hold its events back, so list only internal ones.
    /// </summary>
    IReadOnlyCollection<Type> Unpublished => [];
}

/// <summary>
/// What every integration event carries about the stored event it comes from (DESIGN §5): its id (consumers
/// de-duplicate on it), time, source stream and version, correlation id and actor — read once, here, for every mapper.
/// </summary>
public sealed record SourceOf(Guid EventId, DateTimeOffset OccurredAt, string SourceStream, long SourceVersion, string? CorrelationId, Actor? Actor)
{
    public static SourceOf Event(IEvent stored)
    {
        var actor = EventMetadata.Of(stored).Actor;
        return new SourceOf(stored.Id, stored.Timestamp, stored.StreamKey!, stored.Version, stored.CorrelationId,
            actor is null ? null : new Actor(actor.Unit, actor.User, actor.Role));
    }
}

/// <summary>The metadata a consumer's own events get from the integration event that caused them.</summary>
public static class CausedBy
{
    public static EventMetadata Metadata(IIntegrationEvent cause) =>
        new(cause.CorrelationId, cause.EventId.ToString(), cause.Actor is { } a ? new EventActor(a.Unit, a.User, a.Role) : null);

    /// <summary>For events of one request written together: its correlation and actor; the causing event only when there is one.</summary>
    public static EventMetadata Metadata(IReadOnlyList<IIntegrationEvent> causes) =>
        causes.Count == 1 ? Metadata(causes[0]) : Metadata(causes[0]) with { CausationId = null };
}
