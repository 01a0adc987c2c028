using Marten;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The connection of a write session, with its transaction begun, for consumers whose SQL must see its own writes
/// (update facts, read them back, decide): statements run at once and commit with the session's events. Npgsql runs
/// every command on a connection inside that connection's open transaction.
/// </summary>
public sealed class SessionConnection
{
    /// <summary>A connection the caller opened (and began a transaction on, if its statements must commit together).</summary>
    public SessionConnection(NpgsqlConnection connection) => Connection = connection;

    public NpgsqlConnection Connection { get; }

    public static async Task<SessionConnection> OfAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        return new SessionConnection(session.Connection ?? throw new InvalidOperationException("The session has no open connection."));
    }

    public NpgsqlCommand Command(string sql, params object?[] values)
    {
        var command = SessionSql.Command(sql, values);
        command.Connection = Connection;
        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Command(sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row, or default when there is none (or it is null).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Command(sql, values);
        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default : (T)result;
    }
}
