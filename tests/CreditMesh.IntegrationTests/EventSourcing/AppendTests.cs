using CreditMesh.EventSourcing;

namespace CreditMesh.IntegrationTests.EventSourcing;

public sealed class AppendTests
{
    [Test]
    public async Task Exactly_one_of_eight_concurrent_appenders_with_the_same_expected_version_wins()
    {
        // Given a record stream at version 1
        var store = await TestStores.CreateAsync();
        await using (var session = store.OpenSession())
        {
            session.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1"));
            await session.SaveChangesAsync();
        }

        // When eight writers each append expecting version 1, all released at once
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            await using var session = store.OpenSession();
            session.Events.Append("record-1", 1, new RecordAmended("record-1", $"amendment {i}", i));
            await session.SaveChangesAsync();
        })).ToList();
        start.Release(8);
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try { await w; return "won"; }
            catch (ConcurrencyException e) when (e.ExpectedVersion == 1 && e.ActualVersion == 2) { return "conflict"; }
        }));

        // Then exactly one wins, the seven others get the typed concurrency error, and the stream is at version 2
        Assert.That(outcomes.Count(o => o == "won"), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == "conflict"), Is.EqualTo(7));
        var events = await store.FetchStreamAsync("record-1");
        Assert.That(events.Select(e => e.Version), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await store.FetchStreamStateAsync("record-1"))!.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Starting_a_stream_that_exists_fails_and_leaves_it_unchanged()
    {
        var store = await TestStores.CreateAsync();
        await using (var session = store.OpenSession())
        {
            session.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1"));
            await session.SaveChangesAsync();
        }

        await using var again = store.OpenSession();
        again.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1", 999m));
        var error = Assert.ThrowsAsync<StreamAlreadyExistsException>(() => again.SaveChangesAsync());

        Assert.That(error!.StreamId, Is.EqualTo("record-1"));
        var state = await store.AggregateStreamAsync<FiledRecord>("record-1");
        Assert.That(state!.FineAmount, Is.EqualTo(100m));
    }

    [Test]
    public async Task Appending_to_a_stream_that_was_never_started_fails()
    {
        var store = await TestStores.CreateAsync();
        await using var session = store.OpenSession();
        session.Events.Append("record-404", new RecordRevoked("record-404", "withdrawn"));
        Assert.ThrowsAsync<StreamNotFoundException>(() => session.SaveChangesAsync());
    }

    [Test]
    public async Task A_batch_over_many_streams_is_all_or_nothing()
    {
        // Given an existing stream at version 1
        var store = await TestStores.CreateAsync();
        await using (var session = store.OpenSession())
        {
            session.Events.StartStream<FiledRecord>("record-existing", TestStores.Filed("record-existing"));
            await session.SaveChangesAsync();
        }

        // When one batch starts 100 new streams and appends to the existing one with a stale expected version
        await using (var batch = store.OpenSession())
        {
            for (var i = 0; i < 100; i++) batch.Events.StartStream<FiledRecord>($"record-{i}", TestStores.Filed($"record-{i}"));
            batch.Events.Append("record-existing", 5, new RecordRevoked("record-existing", "stale"));
            Assert.ThrowsAsync<ConcurrencyException>(() => batch.SaveChangesAsync());
        }

        // Then none of the new streams exist and the existing stream is untouched
        Assert.That(await store.FetchStreamStateAsync("record-0"), Is.Null);
        Assert.That(await store.FetchStreamStateAsync("record-99"), Is.Null);
        Assert.That((await store.FetchStreamAsync("record-existing")).Count, Is.EqualTo(1));

        // And the same batch with the right expected version commits every stream
        await using (var batch = store.OpenSession())
        {
            for (var i = 0; i < 100; i++) batch.Events.StartStream<FiledRecord>($"record-{i}", TestStores.Filed($"record-{i}"));
            batch.Events.Append("record-existing", 1, new RecordRevoked("record-existing", "court ruling"));
            var stored = await batch.SaveChangesAsync();
            Assert.That(stored, Has.Count.EqualTo(101));
        }
        Assert.That((await store.AggregateStreamAsync<FiledRecord>("record-existing"))!.Revoked, Is.True);
        Assert.That(await store.FetchStreamStateAsync("record-99"), Is.Not.Null);
    }

    [Test]
    public async Task Events_read_back_keep_their_data_metadata_and_order()
    {
        var store = await TestStores.CreateAsync();
        var metadata = new EventMetadata("corr-1", "cause-1", new EventActor("913600001234567890", "clerk-7", "member-unit"), "idem-1");
        await using (var session = store.OpenSession(metadata))
        {
            session.Events.StartStream<FiledRecord>("record-1", TestStores.Filed("record-1", 50000.00m),
                new RecordAmended("record-1", "罚款5万元", 50000.50m));
            await session.SaveChangesAsync();
        }

        var events = await store.FetchStreamAsync("record-1");

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "record-filed", "record-amended" }));
        Assert.That(events[1].Data, Is.EqualTo(new RecordAmended("record-1", "罚款5万元", 50000.50m)));
        Assert.That(events[0].Metadata, Is.EqualTo(metadata));
        Assert.That(events[1].Seq, Is.GreaterThan(events[0].Seq));
    }
}
