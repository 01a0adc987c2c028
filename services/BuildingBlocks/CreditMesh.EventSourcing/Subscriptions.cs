namespace CreditMesh.EventSourcing;

/// <summary>A position in the store's commit order: (transaction id, sequence).</summary>
public readonly record struct Checkpoint(ulong TxId, long Seq) : IComparable<Checkpoint>
{
    public static readonly Checkpoint Start = new(0, 0);

    public static Checkpoint After(StoredEvent e) => new(e.TxId, e.Seq);

    public int CompareTo(Checkpoint other) => TxId != other.TxId ? TxId.CompareTo(other.TxId) : Seq.CompareTo(other.Seq);
}

/// <summary>
/// Something that processes every committed event once, in commit order, from a saved checkpoint:
/// async projections and the outbox relay. The daemon calls it in a transaction and saves the
/// checkpoint in that same transaction after it returns.
/// </summary>
public interface IEventSubscription
{
    string Name { get; }

    /// <summary>Archived streams are kept for audit only; live read models leave them out.</summary>
    bool IncludeArchivedStreams => false;

    int BatchSize => 500;

    Task HandleAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>Runs an <see cref="IProjection"/> asynchronously, behind the append path.</summary>
public sealed class AsyncProjection(IProjection projection) : IEventSubscription
{
    public IProjection Projection { get; } = projection;
    public string Name => "projection:" + Projection.Name;

    public Task HandleAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
        Projection.ApplyAsync(context, events, ct);
}
