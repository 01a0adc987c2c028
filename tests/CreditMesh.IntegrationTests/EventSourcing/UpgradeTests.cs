using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>DESIGN §3.8: a database written by the first store is imported into Marten once, keeping every chain verifiable.</summary>
public sealed class UpgradeTests
{
    [TestCase("registry")]
    [TestCase("ingestion")]
    [TestCase("lists")]
    [TestCase("repair")]
    [TestCase("matching")]
    public async Task A_first_store_database_is_imported_on_first_start_with_every_chain_intact_and_continued(string service)
    {
        // Given a service database as the first store wrote it
        var database = await FirstStoreFixture.RestoreAsync(Infrastructure.Postgres, service);
        var (streams, events) = await CountsAsync(database, "streams", "events");
        var published = await PublishedAsync(database);

        // When a Marten-based host starts on it (twice: the import happens once)
        await using (await TestStore.StartAsync(database)) { }
        await using var store = await TestStore.StartAsync(database);

        // Then every stream and event is in Marten's tables, in the old commit order, and the old tables are kept renamed
        Assert.That(await CountsAsync(database, "mt_streams", "mt_events"), Is.EqualTo((streams, events)));
        Assert.That(await CountsAsync(database, "legacy_streams", "legacy_events"), Is.EqualTo((streams, events)));
        Assert.That(await store.ScalarAsync("select count(*) from legacy_events l join mt_events e using (id) where e.version <> l.version or e.type <> l.type or e.data <> l.data or e.timestamp <> l.created_at"),
            Is.EqualTo(0), "ids, versions, types, data and timestamps kept");
        Assert.That(await store.ScalarAsync("select count(*) from legacy_events l join mt_events e using (id) where e.correlation_id is distinct from l.metadata->>'correlationId'"),
            Is.EqualTo(0), "correlation ids kept");

        // And every chain verifies, and the relay resumes where the first store's relay had published up to
        var ids = await StreamIdsAsync(store.DataSource);
        foreach (var id in ids)
            Assert.That((await StreamHistory.VerifyAsync(store.DataSource, id, default)).Intact, Is.True, id);
        Assert.That(await store.ScalarAsync("select coalesce(max(last_seq_id), 0) from mt_event_progression where name = 'outbox-relay:All'"), Is.EqualTo(published));

        // And a new event appended to an imported stream continues its chain
        var stream = ids[0];
        var version = await store.ScalarAsync($"select version from mt_streams where id = '{stream}'");
        await store.WriteAsync(s => s.AppendAt<FiledRecord>(stream, version, new RecordRevoked(stream, "after the upgrade")));
        var verification = await StreamHistory.VerifyAsync(store.DataSource, stream, default);
        Assert.That((verification.Intact, verification.EventsChecked), Is.EqualTo((true, version + 1)));
    }

    private static async Task<(long, long)> CountsAsync(string database, string streams, string events)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand($"select (select count(*) from {streams}), (select count(*) from {events})");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How many events the first store's relay had published (its checkpoint in commit order).</summary>
    private static async Task<long> PublishedAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "select count(*) from events e, subscription_checkpoints c where c.name = 'outbox-relay' and (e.tx_id, e.seq) <= (c.tx_id, c.seq)");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StreamIdsAsync(NpgsqlDataSource dataSource)
    {
        var ids = new List<string>();
        await using var command = dataSource.CreateCommand("select id from mt_streams order by id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
