namespace CreditMesh.EventSourcing;

/// <summary>
/// A subscription that needs only some of the service's stored event types (the outbox relay skips what no mapper
/// publishes, e.g. the registry's archive copies): the daemon then loads only rows of those types instead of reading
/// and deserialising every event to drop most of them (DESIGN §6 throughput).
/// </summary>
public interface IReadsSomeEventTypes
{
    bool Reads(Type storedEventType);
}
