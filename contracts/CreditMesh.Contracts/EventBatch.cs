namespace CreditMesh.Contracts;

/// <summary>
/// How integration events travel (ADR 0018): a relay publishes the events of one type that one page of its store
/// holds as one message, in commit order, instead of one message per event. Each event keeps its own id, source
/// stream and version, so consumers de-duplicate and order exactly as they did per event; a message id is only
/// the envelope's, and the same event may come again in a different envelope after a redelivery or a refill.
/// </summary>
public sealed record EventBatch<T>(IReadOnlyList<T> Events) where T : class, IIntegrationEvent;

/// <summary>Builds <see cref="EventBatch{T}"/> for events whose type is known only at run time (the relay's mappers).</summary>
public static class EventBatch
{
    /// <summary>One envelope for events that all have the same type.</summary>
    public static object Of(IReadOnlyList<IIntegrationEvent> events)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        var type = events[0].GetType();
        if (events.Any(e => e.GetType() != type)) throw new ArgumentException("An envelope holds events of one type.", nameof(events));
        var typed = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type), events.Count)!;
        foreach (var e in events) typed.Add(e);
        return Activator.CreateInstance(typeof(EventBatch<>).MakeGenericType(type), typed)!;
    }

    /// <summary>The envelope of a single event (a refill, a test standing in for another service).</summary>
    public static object Of(IIntegrationEvent single) => Of([single]);
}
