using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Exchange.Delivery;

/// <summary>The next delivery of a subscription, with where it goes.</summary>
public sealed record PendingDelivery(long Position, Guid DeliveryId, string SubscriptionId, string Event, string Body, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string CallbackUrl, bool SubscriptionActive);

/// <summary>One line of a subscription's delivery log (DESIGN §5.2).</summary>
public sealed record DeliveryLogItem(Guid DeliveryId, string Event, string Status, int Attempts, DateTimeOffset? LastAttemptAt, int? ResponseStatus,
    DateTimeOffset OccurredAt, string SubjectCode, string? LastError);

/// <summary>The deliveries table: what the dispatcher works through, in order per subscription, and what the log API shows.</summary>
public sealed class DeliveryLog(NpgsqlDataSource dataSource)
{
    public const string Delivered = "Delivered", Pending = "Pending", Failed = "Failed";

    /// <summary>Active subscriptions whose oldest pending delivery is due, the longest-waiting first, leaving out those being delivered.</summary>
    public async Task<List<string>> DueSubscriptionsAsync(DateTimeOffset now, IReadOnlyCollection<string> running, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select h.subscription_id from (
                select distinct on (d.subscription_id) d.subscription_id, d.position, d.next_attempt_at from deliveries d
                where d.status = 'Pending' order by d.subscription_id, d.position) h
            join subscriptions s on s.subscription_id = h.subscription_id and s.status = 'Active'
            where h.next_attempt_at <= $1 and not (h.subscription_id = any($2)) order by h.position limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = running.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        return due;
    }

    /// <summary>
    /// Takes (or renews) this replica's lease on delivering to a subscription until <paramref name="until"/>; false while another
    /// replica holds an unexpired one. A lease, not a held connection, so a slow subscriber ties up no database connection.
    /// </summary>
    public async Task<bool> LeaseAsync(string subscriptionId, Guid holder, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            insert into delivery_leases (subscription_id, holder, leased_until) values ($1, $2, $3)
            on conflict (subscription_id) do update set holder = excluded.holder, leased_until = excluded.leased_until
            where delivery_leases.leased_until < $4 or delivery_leases.holder = excluded.holder
            returning 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = holder });
        command.Parameters.Add(new NpgsqlParameter { Value = until.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async Task ReleaseAsync(string subscriptionId, Guid holder, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("delete from delivery_leases where subscription_id = $1 and holder = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = holder });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<PendingDelivery?> HeadAsync(string subscriptionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select d.position, d.delivery_id, d.event, d.body, d.attempts, d.created_at, d.next_attempt_at, s.callback_url, s.status = 'Active'
            from deliveries d join subscriptions s on s.subscription_id = d.subscription_id
            where d.subscription_id = $1 and d.status = 'Pending' order by d.position limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new PendingDelivery(reader.GetInt64(0), reader.GetGuid(1), subscriptionId, reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetBoolean(8));
    }

    /// <summary>Records an attempt: Delivered, still Pending until <paramref name="nextAttemptAt"/>, or Failed when given up.</summary>
    public async Task RecordAttemptAsync(PendingDelivery delivery, string status, int? responseStatus, string? error, DateTimeOffset at,
        DateTimeOffset? nextAttemptAt, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update deliveries set status = $2, attempts = attempts + 1, last_attempt_at = $3, response_status = $4, last_error = $5,
                next_attempt_at = coalesce($6, next_attempt_at)
            where position = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = delivery.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)responseStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)nextAttemptAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A cancelled subscription's pending deliveries will not be made: the log says so instead of Pending for ever.</summary>
    public const string CloseCancelled = """
        update deliveries set status = 'Failed', last_error = 'subscription cancelled' where subscription_id = $1 and status = 'Pending'
        """;

    /// <summary>The newest first, up to <paramref name="limit"/>, before the position <paramref name="before"/> when paging.</summary>
    public async Task<(List<DeliveryLogItem> Items, long? Next)> PageAsync(string subscriptionId, long? before, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select position, delivery_id, event, status, attempts, last_attempt_at, response_status, occurred_at, subject_code, last_error
            from deliveries where subscription_id = $1 and ($2::bigint is null or position < $2) order by position desc limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<(long Position, DeliveryLogItem Item)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add((reader.GetInt64(0), new DeliveryLogItem(reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9))));
        var page = items.Take(limit).ToList();
        return (page.Select(i => i.Item).ToList(), items.Count > limit ? page[^1].Position : null);
    }
}
