using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.ServiceDefaults.AccessLog;

/// <summary>
/// Writes access-log entries to the service's own database with group commit: every request waits
/// until the batch holding its entry is committed, so an answer is never given without its record
/// (fail closed). Also purges entries past the retention period.
/// </summary>
public sealed class AccessLogWriter(NpgsqlDataSource dataSource, TimeProvider time, IOptions<AccessLogOptions> options,
    ILogger<AccessLogWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;
    private const int MaxAttempts = 3;
    private readonly Channel<(AccessLogEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(AccessLogEntry, TaskCompletionSource)>(new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes once the entry is committed; throws if it could not be.</summary>
    public async Task RecordAsync(AccessLogEntry entry, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((entry, done), ct);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnsureTableAsync(stoppingToken);
        await Task.WhenAll(WriteLoopAsync(stoppingToken), PurgeLoopAsync(stoppingToken));
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<(AccessLogEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(ct))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await InsertAsync(batch.Select(b => b.Entry).ToList(), ct);
                    foreach (var (_, done) in batch) done.TrySetResult();
                    break;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && attempt < MaxAttempts)
                {
                    logger.LogWarning(e, "Access log write failed (attempt {Attempt}); retrying", attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Access log write failed; {Count} requests are answered with an error", batch.Count);
                    foreach (var (_, done) in batch) done.TrySetException(e);
                    break;
                }
            }
            batch.Clear();
        }
    }

    private async Task InsertAsync(List<AccessLogEntry> entries, CancellationToken ct)
    {
        var (sql, values) = Insert(entries);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The statement (positional parameters, one array per column) writing these entries, for a caller's own transaction.</summary>
    public static (string Sql, object[] Values) Insert(IReadOnlyList<AccessLogEntry> entries) => ("""
        insert into access_log (at, action, target, role, unit, subject, user_id, method, path, status, correlation_id, client)
        select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::text[], $10::int[], $11::text[], $12::text[])
        """,
        [entries.Select(e => e.At.ToUniversalTime()).ToArray(), Texts(entries, e => e.Action), Texts(entries, e => e.Target), Texts(entries, e => e.Role),
         Texts(entries, e => e.Unit), Texts(entries, e => e.Subject), Texts(entries, e => e.User), Texts(entries, e => e.Method),
         Texts(entries, e => e.Path), entries.Select(e => e.Status).ToArray(), Texts(entries, e => e.CorrelationId), Texts(entries, e => e.Client)]);

    private static string?[] Texts(IReadOnlyList<AccessLogEntry> entries, Func<AccessLogEntry, string?> column) => [.. entries.Select(column)];

    private async Task PurgeLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand("delete from access_log where at < $1");
                command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().AddDays(-options.Value.RetentionDays) });
                var purged = await command.ExecuteNonQueryAsync(ct);
                if (purged > 0) logger.LogInformation("Purged {Count} access-log entries older than {Days} days", purged, options.Value.RetentionDays);
            }
            catch (Exception e) when (e is NpgsqlException)
            {
                logger.LogWarning(e, "Access log purge failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("""
                    create table if not exists access_log (
                        id bigint generated always as identity primary key,
                        at timestamptz not null, action text not null, target text, role text, unit text, subject text,
                        user_id text, method text not null, path text not null, status int not null, correlation_id text, client text);
                    create index if not exists access_log_at on access_log (at);
                    create index if not exists access_log_unit_at on access_log (unit, at);
                    """);
                await command.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (NpgsqlException e) when (attempt < 60)
            {
                logger.LogWarning(e, "Access log table not ready (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
