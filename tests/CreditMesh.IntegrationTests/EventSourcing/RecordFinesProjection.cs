using CreditMesh.EventSourcing;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>A read model of current fines per record, plus a log of every event applied to detect double application.</summary>
public sealed class RecordFinesProjection(string table = "record_fines") : IProjection
{
    public string Name => table;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        await EnsureTablesAsync(context, ct);
        foreach (var e in events)
        {
            var sql = e.Data switch
            {
                RecordFiled f => $"insert into {table} (record_id, fine) values ('{f.RecordId}', {f.FineAmount})",
                RecordAmended a => $"update {table} set fine = {a.FineAmount} where record_id = '{a.RecordId}'",
                RecordRevoked r => $"delete from {table} where record_id = '{r.RecordId}'",
                _ => null,
            };
            if (sql is not null) await context.ExecuteAsync(sql, ct);
            await context.ExecuteAsync($"insert into {table}_applied (seq) values ({e.Seq})", ct);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await EnsureTablesAsync(context, ct);
        await context.ExecuteAsync($"truncate {table}, {table}_applied", ct);
    }

    public static async Task<Dictionary<string, decimal>> ReadAsync(EventStore store, string table = "record_fines")
    {
        var result = new Dictionary<string, decimal>();
        await using var command = store.DataSource.CreateCommand($"select record_id, fine from {table}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetString(0)] = reader.GetDecimal(1);
        return result;
    }

    public static async Task<long> AppliedCountAsync(EventStore store, string table = "record_fines")
    {
        await using var command = store.DataSource.CreateCommand($"select count(*) from {table}_applied");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task EnsureTablesAsync(ProjectionContext context, CancellationToken ct) =>
        await context.ExecuteAsync($"""
            create table if not exists {table} (record_id text primary key, fine numeric not null);
            create table if not exists {table}_applied (seq bigint primary key);
            """, ct);
}
