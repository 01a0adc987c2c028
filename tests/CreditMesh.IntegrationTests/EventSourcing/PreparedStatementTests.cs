using CreditMesh.EventSourcing;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>
/// The event store's connections keep the statements they run often prepared (issue 16: planning the set-based appends
/// cost about a third of their execution), unless the operator's connection string sets Max Auto Prepare itself.
/// </summary>
public sealed class PreparedStatementTests
{
    private const string Probe = "select count(*) from mt_streams where id = any($1)";

    [Test]
    public async Task A_statement_run_often_on_a_connection_is_prepared_there()
    {
        await using var store = await TestStore.StartAsync();

        Assert.That(await PreparedAfterRepeatsAsync(store), Is.EqualTo(1));
    }

    [Test]
    public async Task A_connection_string_that_sets_Max_Auto_Prepare_keeps_its_own_setting()
    {
        var connectionString = await Infrastructure.Postgres.CreateDatabaseAsync("es") + ";Max Auto Prepare=0";
        await using var store = await TestStore.StartAsync(connectionString);

        Assert.That(await PreparedAfterRepeatsAsync(store), Is.EqualTo(0));
    }

    private static async Task<long> PreparedAfterRepeatsAsync(TestStore store)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        var db = new SessionConnection(connection);
        for (var i = 0; i < 10; i++) await db.ScalarAsync<long>(Probe, CancellationToken.None, (object)new[] { "record-1" });
        return await db.ScalarAsync<long>("select count(*) from pg_prepared_statements where statement = $1", CancellationToken.None, Probe);
    }
}
