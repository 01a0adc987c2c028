using CreditMesh.EventSourcing;
using JasperFx.Events;

namespace CreditMesh.UnitTests;

/// <summary>An event as Marten hands it to an outbox mapper: data with its stream, version, time and metadata.</summary>
public static class StoredEvents
{
    public static IEvent Of(string streamId, long version, object data, DateTimeOffset at, EventMetadata? metadata = null)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Id = Guid.NewGuid();
        e.StreamKey = streamId;
        e.Version = version;
        e.Timestamp = at;
        var m = metadata ?? EventMetadata.None;
        e.CorrelationId = m.CorrelationId;
        e.CausationId = m.CausationId;
        if (m.Actor?.Unit is { } unit) e.SetHeader("actor-unit", unit);
        if (m.Actor?.User is { } user) e.SetHeader("actor-user", user);
        if (m.Actor?.Role is { } role) e.SetHeader("actor-role", role);
        return e;
    }
}
