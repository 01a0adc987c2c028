namespace CreditMesh.EventSourcing;

/// <summary>Base of the store's typed errors; the HTTP edge maps them to status codes.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract string StreamId { get; }
}

/// <summary>Another writer appended first: the expected version no longer holds (HTTP 409).</summary>
public sealed class ConcurrencyException(string streamId, long expected, long actual)
    : EventStoreException($"Stream '{streamId}' is at version {actual}, not the expected {expected}.")
{
    public override string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expected;
    public long ActualVersion { get; } = actual;
}

/// <summary>StartStream on an id that already exists (HTTP 409).</summary>
public sealed class StreamAlreadyExistsException(string streamId)
    : EventStoreException($"Stream '{streamId}' already exists.")
{
    public override string StreamId { get; } = streamId;
}

/// <summary>Append to a stream that was never started (HTTP 404).</summary>
public sealed class StreamNotFoundException(string streamId)
    : EventStoreException($"Stream '{streamId}' does not exist.")
{
    public override string StreamId { get; } = streamId;
}

/// <summary>Append to an archived stream: archived streams are closed for writing, kept for audit (HTTP 409).</summary>
public sealed class StreamArchivedException(string streamId)
    : EventStoreException($"Stream '{streamId}' is archived and accepts no further events.")
{
    public override string StreamId { get; } = streamId;
}
