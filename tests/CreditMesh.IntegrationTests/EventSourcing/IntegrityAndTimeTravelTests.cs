using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.IntegrationTests.EventSourcing;

public sealed class IntegrityAndTimeTravelTests
{
    [Test]
    public async Task Verify_names_the_first_event_altered_behind_the_stores_back()
    {
        // Given a stream of five events whose chain is intact
        var store = await TestStores.CreateAsync();
        await using (var session = store.OpenSession())
        {
            session.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1"));
            for (var i = 1; i <= 4; i++) session.Events.Append("record-1", new RecordAmended("record-1", $"v{i}", 100m + i));
            await session.SaveChangesAsync();
        }
        Assert.That(await store.VerifyStreamAsync("record-1"), Is.EqualTo(new StreamVerification("record-1", true, null, 5)));

        // When someone lowers the fine of version 3 directly in SQL
        await using (var command = store.DataSource.CreateCommand(
            "update events set data = jsonb_set(data, '{fineAmount}', '1') where stream_id = 'record-1' and version = 3"))
            Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));

        // Then verify reports the chain broken at version 3
        var verification = await store.VerifyStreamAsync("record-1");
        Assert.That(verification.Intact, Is.False);
        Assert.That(verification.FirstBrokenVersion, Is.EqualTo(3));
    }

    [Test]
    public async Task Verify_detects_a_deleted_event_and_a_changed_actor()
    {
        var store = await TestStores.CreateAsync();
        await using (var session = store.OpenSession(new EventMetadata(Actor: new EventActor("unit-a", "u", "member-unit"))))
        {
            session.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1"), new RecordAmended("record-1", "v2", 1m), new RecordAmended("record-1", "v3", 2m));
            session.Events.StartStream<FiledRecord>("record-2", TestStores.Filed("record-2"), new RecordAmended("record-2", "v2", 1m));
            await session.SaveChangesAsync();
        }
        await using (var command = store.DataSource.CreateCommand("delete from events where stream_id = 'record-1' and version = 2"))
            await command.ExecuteNonQueryAsync();
        await using (var command = store.DataSource.CreateCommand(
            "update events set metadata = jsonb_set(metadata, '{actor,unit}', '\"unit-b\"') where stream_id = 'record-2' and version = 2"))
            await command.ExecuteNonQueryAsync();

        Assert.That((await store.VerifyStreamAsync("record-1")).FirstBrokenVersion, Is.EqualTo(2));
        Assert.That((await store.VerifyStreamAsync("record-2")).FirstBrokenVersion, Is.EqualTo(2));
    }

    [Test]
    public async Task A_stream_aggregates_as_of_a_past_instant_and_a_past_version()
    {
        // Given a record filed on 1 March, amended on 1 April and revoked on 1 May
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var store = await TestStores.CreateAsync(clock);
        await Write(store, s => s.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1", 100m)));
        clock.Set(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await Write(store, s => s.Events.Append("record-1", new RecordAmended("record-1", "corrected", 80m)));
        clock.Set(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await Write(store, s => s.Events.Append("record-1", new RecordRevoked("record-1", "reconsideration")));

        // Then the state as of 15 March, 15 April and now differ as the history says
        var march = await store.AggregateStreamAsync<FiledRecord>("record-1", timestamp: new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(8)));
        var april = await store.AggregateStreamAsync<FiledRecord>("record-1", timestamp: new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.FromHours(8)));
        var now = await store.AggregateStreamAsync<FiledRecord>("record-1");
        Assert.That((march!.FineAmount, march.Revoked), Is.EqualTo((100m, false)));
        Assert.That((april!.FineAmount, april.Revoked), Is.EqualTo((80m, false)));
        Assert.That(now!.Revoked, Is.True);
        Assert.That((await store.AggregateStreamAsync<FiledRecord>("record-1", version: 2))!.Title, Is.EqualTo("corrected"));
        Assert.That(await store.AggregateStreamAsync<FiledRecord>("record-1", timestamp: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), Is.Null);
    }

    [Test]
    public async Task An_archived_stream_refuses_appends_but_stays_readable_and_verifiable()
    {
        var store = await TestStores.CreateAsync();
        await Write(store, s => s.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1")));

        await store.ArchiveStreamAsync("record-1");

        await using var session = store.OpenSession();
        session.Events.Append("record-1", new RecordRevoked("record-1", "too late"));
        Assert.ThrowsAsync<StreamArchivedException>(() => session.SaveChangesAsync());
        Assert.That((await store.FetchStreamStateAsync("record-1"))!.Archived, Is.True);
        Assert.That(await store.FetchStreamAsync("record-1"), Has.Count.EqualTo(1));
        Assert.That((await store.VerifyStreamAsync("record-1")).Intact, Is.True);
    }

    internal static async Task Write(EventStore store, Action<EventSession> write)
    {
        await using var session = store.OpenSession();
        write(session);
        await session.SaveChangesAsync();
    }
}
