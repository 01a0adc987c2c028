using JasperFx.Events;
using Marten;
using Marten.Events.Daemon.Coordination;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// A read model kept in plain tables by explicit SQL (STYLE: projections you can read and test), run by Marten inline
/// (in the append transaction) or async (by the daemon, with its progress). Writes are queued with
/// <see cref="SessionSql.QueueSql"/> so they commit with the events (inline) or with the daemon's progress (async);
/// reads run at once. <see cref="Tables"/> are emptied when the projection is rebuilt from zero.
/// </summary>
public abstract class SqlProjection : Marten.Events.Projections.IProjection
{
    /// <summary>The projection's name in Marten (its async shard is "&lt;name&gt;:All").</summary>
    public abstract string Name { get; }

    /// <summary>The tables this projection alone writes, emptied by a rebuild.</summary>
    public abstract IReadOnlyList<string> Tables { get; }

    public abstract Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);

    /// <summary>
    /// Rebuilds from zero while the service runs: empties the tables, then lets Marten's daemon replay every live event
    /// through the projection (archived streams stay out).
    /// </summary>
    public async Task RebuildAsync(NpgsqlDataSource dataSource, IProjectionCoordinator coordinator, CancellationToken ct)
    {
        await using (var truncate = dataSource.CreateCommand($"truncate {string.Join(", ", Tables)}"))
            await truncate.ExecuteNonQueryAsync(ct);
        await coordinator.DaemonForMainDatabase().RebuildProjectionAsync(Name, ct);
    }
}
