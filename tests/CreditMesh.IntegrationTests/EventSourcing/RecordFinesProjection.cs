using CreditMesh.EventSourcing;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>A read model of current fines per record, plus a log of every event applied, to detect an event applied twice or skipped.</summary>
public sealed class RecordFinesProjection : SqlProjection
{
    public override string Name => "record-fines";
    public override IReadOnlyList<string> Tables => ["record_fines", "record_fines_applied"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RecordFiled f: operations.QueueSql("insert into record_fines (record_id, fine) values ($1, $2)", f.RecordId, f.FineAmount); break;
                case RecordAmended a: operations.QueueSql("update record_fines set fine = $1 where record_id = $2", a.FineAmount, a.RecordId); break;
                case RecordRevoked r: operations.QueueSql("delete from record_fines where record_id = $1", r.RecordId); break;
            }
            operations.QueueSql("insert into record_fines_applied (stream_id, version) values ($1, $2)", e.StreamKey, e.Version);
        }
        return Task.CompletedTask;
    }

    public static Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        dataSource.CreateCommand("""
            create table if not exists record_fines (record_id text primary key, fine numeric not null);
            create table if not exists record_fines_applied (stream_id text not null, version bigint not null, primary key (stream_id, version));
            """).ExecuteNonQueryAsync(ct);

    public static async Task<Dictionary<string, decimal>> ReadAsync(NpgsqlDataSource dataSource)
    {
        var result = new Dictionary<string, decimal>();
        await using var command = dataSource.CreateCommand("select record_id, fine from record_fines");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetString(0)] = reader.GetDecimal(1);
        return result;
    }
}
