using System.Diagnostics;
using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: event append (Marten, Quick append, as every service writes) must reach at least 50 % of the rate of plain
/// batched INSERTs of the same rows on the same database. Both sides write the same events (same JSON, 32-byte hashes) in
/// batches of one transaction each; Marten additionally checks stream versions, writes stream rows and metadata, runs the
/// hash-chain listener (previous hashes read, hashes computed and inserted) and notifies the daemon.
/// </summary>
public static class AppendVersusInsert
{
    public sealed record CreditRecordAccepted(string RecordId, string SubjectCode, string Category, string DecisionNumber,
        string DecisionDate, string Severity, string PenaltyContent, decimal FineAmount);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Option(args, "--rounds", 20);
        var batch = Option(args, "--batch", 1000);
        await using var postgres = await TestPostgres.StartAsync(durable: true);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        await using var bench = await BenchStore.StartAsync(connectionString, events => events.Event<CreditRecordAccepted>());
        var (store, dataSource) = (bench.Store, bench.DataSource);
        await CreatePlainTableAsync(dataSource);

        Console.WriteLine($"Append vs. plain INSERT: {rounds} rounds of {batch} events, one transaction per round, PostgreSQL with fsync on");
        var results = new List<(string Scenario, double Store, double Plain)>();
        foreach (var (name, streams, perStream) in new[] { ("new streams (batch ingestion)", batch, 1), ("appends to existing streams", batch / 10, 10) })
        {
            // Warm-up round for both, then alternate to share any drift of the machine equally.
            var storeRates = new List<double>();
            var plainRates = new List<double>();
            for (var round = -1; round < rounds; round++)
            {
                var prefix = $"{name[..3]}-{round + 1}";
                var storeRate = await TimeAsync(() => AppendAsync(store, prefix, streams, perStream), streams * perStream);
                var plainRate = await TimeAsync(() => InsertPlainAsync(dataSource, prefix, streams, perStream), streams * perStream);
                if (round < 0) continue;
                storeRates.Add(storeRate);
                plainRates.Add(plainRate);
            }
            results.Add((name, Median(storeRates), Median(plainRates)));
        }

        Console.WriteLine("| scenario | Marten append (events/s) | plain INSERT (events/s) | ratio |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (scenario, storeRate, plainRate) in results)
            Console.WriteLine($"| {scenario} | {storeRate:N0} | {plainRate:N0} | {storeRate / plainRate:P0} |");
        return 0;
    }

    private static async Task AppendAsync(IDocumentStore store, string prefix, int streams, int perStream)
    {
        if (perStream > 1)
        {
            // Existing streams are started first; only the appends to them are what this scenario measures (see TimeAsync's caller).
            await using var start = await store.OpenWriteSessionAsync(EventMetadata.None, default);
            for (var s = 0; s < streams; s++) start.Events.StartStream<CreditRecordAccepted>($"{prefix}-existing-{s}", Event($"{prefix}-{s}", 0));
            await start.CommitAsync(default);
        }
        await using var session = await store.OpenWriteSessionAsync(new EventMetadata("corr", null, new EventActor("913600001234567890", "bench", "member-unit")), default);
        for (var s = 0; s < streams; s++)
        {
            var events = Enumerable.Range(1, perStream).Select(i => (object)Event($"{prefix}-{s}", i)).ToArray();
            if (perStream > 1) session.AppendAt<CreditRecordAccepted>($"{prefix}-existing-{s}", 1, events);
            else session.AppendAt<CreditRecordAccepted>($"{prefix}-stream-{s}", 0, events);
        }
        await session.CommitAsync(default);
    }

    private static async Task InsertPlainAsync(NpgsqlDataSource dataSource, string prefix, int streams, int perStream)
    {
        var count = streams * perStream;
        var ids = new Guid[count];
        var streamIds = new string[count];
        var versions = new long[count];
        var data = new string[count];
        var hashes = new byte[count][];
        for (int s = 0, n = 0; s < streams; s++)
            for (var i = 1; i <= perStream; i++, n++)
            {
                ids[n] = Guid.CreateVersion7();
                streamIds[n] = $"{prefix}-plain-{s}";
                versions[n] = i;
                data[n] = System.Text.Json.JsonSerializer.Serialize(Event($"{prefix}-{s}", i), EventJson.Options);
                hashes[n] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            }
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            insert into plain_events (id, stream_id, version, type, data, metadata, created_at, hash)
            select u.id, u.stream_id, u.version, 'credit-record-accepted', u.data, '{"correlationId":"corr"}'::jsonb, now(), u.hash
            from unnest($1::uuid[], $2::text[], $3::bigint[], $4::jsonb[], $5::bytea[]) as u(id, stream_id, version, data, hash)
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        command.Parameters.Add(new NpgsqlParameter { Value = versions });
        command.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static async Task CreatePlainTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            create table plain_events (
                seq bigint generated always as identity primary key, id uuid not null unique, stream_id text not null,
                version bigint not null, type text not null, data jsonb not null, metadata jsonb not null,
                created_at timestamptz not null, tx_id xid8 not null default pg_current_xact_id(), hash bytea not null,
                unique (stream_id, version));
            create index on plain_events (tx_id, seq);
            create index on plain_events (created_at);
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static CreditRecordAccepted Event(string recordId, int i) =>
        new(recordId, "9144030071526726XG", "AdministrativePenalty", $"深市监罚〔2026〕{i}号", "2026-05-10", "General", "罚款5万元", 50000m + i);

    private static async Task<double> TimeAsync(Func<Task> action, int events)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return events / watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
