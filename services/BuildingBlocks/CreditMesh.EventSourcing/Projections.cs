using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>The connection and open transaction a projection or subscription writes through.</summary>
public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction)
{
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);
}

/// <summary>
/// A read model built from events. Registered inline (updated in the append transaction) or async
/// (run by the subscription daemon with a checkpoint). Either kind can be rebuilt from zero.
/// </summary>
public interface IProjection
{
    string Name { get; }

    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>Empties the read model before a rebuild.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken ct);
}

/// <summary>Rebuilds a state from a stream's events: immutable records with Create and Apply (STYLE.md).</summary>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    static abstract TSelf Create(object firstEvent);

    TSelf Apply(object @event);
}
