using System.Data;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Fills this replica's <see cref="SubjectIndex"/>: a consistent snapshot of the current entries and
/// representatives with the log position it was taken at, then every later row of <c>index_changes</c> in order,
/// woken by NOTIFY or the poll interval. Every replica reads every change (no competing consumers here), and is
/// ready only once it holds the snapshot and has caught up with the log head seen at start (DESIGN §6).
/// </summary>
public sealed class IndexTailer(NpgsqlDataSource dataSource, SubjectIndex index, EventStoreInitializer initializer, TimeProvider time,
    IOptions<MatchingOptions> options, ILogger<IndexTailer> logger) : BackgroundService, IHealthCheck
{
    private long _position = -1;
    private volatile bool _ready;

    public bool Ready => _ready;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await initializer.Initialized.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_position < 0) await LoadSnapshotAsync(ct);
                await TailAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "List index tail failed at position {Position}; retrying", _position);
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
    }

    private async Task LoadSnapshotAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Repeatable read: the snapshot and the head position describe the same instant.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var context = new SessionConnection(connection);
        var head = await context.ScalarAsync<long>("select coalesce(max(seq), 0) from index_changes", ct);
        var now = time.GetUtcNow();
        await using (var command = context.Command("""
            select subject_code, list_entry_id, list_type, determined_by, valid_from, valid_until from list_entries
            where status = 'Active' and list_type is not null and valid_from is not null and valid_until > $1 order by subject_code
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var units = new Dictionary<string, string>(StringComparer.Ordinal);
            string? subject = null;
            var entries = new List<ActiveEntry>();
            while (await reader.ReadAsync(ct))
            {
                var code = reader.GetString(0);
                if (code != subject && subject is not null) { index.Load(subject, [.. entries]); entries.Clear(); }
                subject = code;
                var unit = reader.IsDBNull(3) ? "" : reader.GetString(3);
                // Determining units repeat across many entries: one string each keeps the index small.
                if (!units.TryGetValue(unit, out var shared)) units[unit] = shared = unit;
                entries.Add(new ActiveEntry(reader.GetString(1), Enum.Parse<ListType>(reader.GetString(2)), shared,
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
            if (subject is not null) index.Load(subject, [.. entries]);
        }
        await using (var command = context.Command("select organisation_code, id_number from legal_representatives"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) index.SetRepresentative(reader.GetString(0), reader.GetString(1));
        await using (var command = context.Command("select subject_code, grade, score, model_version from subject_evaluations"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) index.SetGrade(reader.GetString(0), new SubjectGrade(reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        await transaction.CommitAsync(ct);
        _position = head;
        logger.LogInformation("List index loaded: {Subjects} subjects, {Entries} entries, log position {Position}", index.Subjects, index.Entries, head);
    }

    private async Task TailAsync(CancellationToken ct)
    {
        await using var listener = await dataSource.OpenConnectionAsync(ct);
        await using (var listen = new NpgsqlCommand($"listen {IndexSchema.Channel}", listener)) await listen.ExecuteNonQueryAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            if (await ApplyNextAsync(ct) > 0) continue;
            _ready = true;
            await listener.WaitAsync(options.Value.IndexPollInterval, ct);
        }
    }

    /// <summary>Applies up to 10,000 rows after the position; the count applied (0 = caught up).</summary>
    private async Task<int> ApplyNextAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, subject_code, list_entry_id, list_type, determined_by, valid_from, valid_until, hits, representative, grade, score, model_version
            from index_changes where seq > $1 order by seq limit 10000
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _position });
        var count = 0;
        var now = time.GetUtcNow();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            count++;
            var subject = reader.GetString(1);
            if (!reader.IsDBNull(8)) index.SetRepresentative(subject, reader.GetString(8));
            else if (!reader.IsDBNull(9)) index.SetGrade(subject, new SubjectGrade(reader.GetString(9), reader.GetInt32(10), reader.GetString(11)));
            else
            {
                var entry = reader.GetBoolean(7)
                    ? new ActiveEntry(reader.GetString(2), Enum.Parse<ListType>(reader.GetString(3)), reader.IsDBNull(4) ? "" : reader.GetString(4),
                        reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6))
                    : null;
                index.Put(subject, reader.GetString(2), entry, now);
            }
            _position = reader.GetInt64(0);
        }
        return count;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(_ready
            ? HealthCheckResult.Healthy($"list index caught up at position {_position}")
            : HealthCheckResult.Unhealthy("list index loading or catching up"));
}
