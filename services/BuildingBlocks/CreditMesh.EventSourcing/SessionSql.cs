using Marten;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// SQL against read-model tables through a Marten session: queued writes commit in the session's batch and
/// transaction (what projections use); immediate statements run on the session's connection, in its transaction
/// once begun (what consumers use when they must read their own writes).
/// </summary>
public static class SessionSql
{
    /// <summary>Queues a write to run with the session's SaveChangesAsync, in its transaction.</summary>
    public static void QueueSql(this IDocumentOperations operations, string sql, params object?[] values) =>
        operations.QueueOperation(new SqlOperation(sql, values));

    /// <summary>Runs a statement now on the session's connection; the number of rows it touched.</summary>
    public static async Task<int> ExecuteSqlAsync(this IQuerySession session, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Command(sql, values);
        return await session.ExecuteAsync(command, ct);
    }

    /// <summary>Reads rows now on the session's connection.</summary>
    public static async Task<List<T>> ReadSqlAsync<T>(this IQuerySession session, string sql, Func<NpgsqlDataReader, T> row, CancellationToken ct,
        params object?[] values)
    {
        await using var command = Command(sql, values);
        await using var reader = (NpgsqlDataReader)await session.ExecuteReaderAsync(command, ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(row(reader));
        return rows;
    }

    /// <summary>A command with positional parameters $1, $2… (a <see cref="SqlOperation.Typed"/> value carries its type).</summary>
    public static NpgsqlCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is SqlOperation.Typed typed
                ? new NpgsqlParameter { Value = typed.Value ?? DBNull.Value, NpgsqlDbType = typed.Type }
                : new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
