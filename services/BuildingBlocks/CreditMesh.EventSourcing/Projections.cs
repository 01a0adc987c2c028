using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>The connection and open transaction a projection or subscription writes through.</summary>
public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction)
{
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>Runs a statement in the transaction, with positional parameters $1, $2… taken from <paramref name="values"/>.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row, or default when there is none (or it is null).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(sql, values);
        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default : (T)result;
    }

    private NpgsqlCommand Command(string sql, object[] values)
    {
        var command = Command(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
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
