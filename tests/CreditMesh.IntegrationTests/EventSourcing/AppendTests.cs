using CreditMesh.EventSourcing;
using JasperFx;
using Marten;
using Marten.Exceptions;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>DESIGN §3.1, §3.2: expected versions, starting a stream twice, atomic batches, metadata round trip — on Marten.</summary>
public sealed class AppendTests
{
    [Test]
    public async Task Exactly_one_of_eight_concurrent_appenders_with_the_same_expected_version_wins()
    {
        // Given a record stream at version 1
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));

        // When eight writers each append expecting version 1, all released at once
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await store.Store.DecideAsync<FiledRecord>("record-1", _ => Decision.Of(new RecordAmended("record-1", $"amendment {i}", i)),
                EventMetadata.None, CancellationToken.None, expectedVersion: 1);
        })).ToList();
        start.Release(8);
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try { await w; return "won"; }
            catch (ConcurrencyException) { return "conflict"; }
        }));

        // Then exactly one wins, the seven others get the typed concurrency error, and the stream is at version 2
        Assert.That(outcomes.Count(o => o == "won"), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == "conflict"), Is.EqualTo(7));
        var (state, version) = await store.Store.LoadAsync<FiledRecord>("record-1", CancellationToken.None);
        Assert.That((version, state!.Amendments), Is.EqualTo((2L, 1)));
        Assert.That((await StreamHistory.VerifyAsync(store.DataSource, "record-1", CancellationToken.None)).Intact, Is.True);
    }

    [Test]
    public async Task Without_an_expected_version_a_concurrent_writer_makes_the_decision_run_again_on_what_it_wrote()
    {
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));

        // Eight writers each amend once, deciding on the state they see; none is told about the others
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.Store.DecideAsync<FiledRecord>("record-1",
            s => Decision.Of(new RecordAmended("record-1", $"after {s!.Amendments}", i)), EventMetadata.None, CancellationToken.None)));
        var results = await Task.WhenAll(writers.Select(async w => { try { await w; return true; } catch (ConcurrencyException) { return false; } }));

        // Every writer that succeeded decided on the latest state: titles count up without a gap
        var (state, version) = await store.Store.LoadAsync<FiledRecord>("record-1", CancellationToken.None);
        Assert.That(state!.Amendments, Is.EqualTo(results.Count(r => r)));
        Assert.That(version, Is.EqualTo(1 + state.Amendments));
        Assert.That(results.Count(r => r), Is.GreaterThanOrEqualTo(StreamWriting.Attempts), "retries absorb most conflicts");
    }

    [Test]
    public async Task Starting_a_stream_that_exists_fails_and_leaves_it_unchanged()
    {
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));

        Assert.ThrowsAsync<ExistingStreamIdCollisionException>(() =>
            store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1", 999m))));

        var (state, _) = await store.Store.LoadAsync<FiledRecord>("record-1", CancellationToken.None);
        Assert.That(state!.FineAmount, Is.EqualTo(100m));
    }

    [Test]
    public async Task An_append_without_a_known_version_is_refused_because_it_could_not_be_hash_chained()
    {
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));

        Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(s => s.Events.Append("record-1", new RecordRevoked("record-1", "x"))));
        Assert.That((await store.Store.LoadAsync<FiledRecord>("record-1", CancellationToken.None)).Version, Is.EqualTo(1));
    }

    [Test]
    public async Task A_batch_over_many_streams_is_all_or_nothing()
    {
        // Given an existing stream at version 1
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-existing", TestStore.Filed("record-existing")));

        // When one batch starts 100 new streams and appends to the existing one with a stale expected version
        Assert.ThrowsAsync<ConcurrencyException>(() => store.WriteAsync(batch =>
        {
            for (var i = 0; i < 100; i++) batch.Events.StartStream<FiledRecord>($"record-{i}", TestStore.Filed($"record-{i}"));
            batch.AppendAt<FiledRecord>("record-existing", 5, new RecordRevoked("record-existing", "stale"));
        }));

        // Then none of the new streams exist, no hash was written, and the existing stream is untouched
        Assert.That(await store.ScalarAsync("select count(*) from mt_streams"), Is.EqualTo(1));
        Assert.That(await store.ScalarAsync("select count(*) from cm_event_hashes"), Is.EqualTo(1));

        // And the same batch with the right expected version commits every stream
        await store.WriteAsync(batch =>
        {
            for (var i = 0; i < 100; i++) batch.Events.StartStream<FiledRecord>($"record-{i}", TestStore.Filed($"record-{i}"));
            batch.AppendAt<FiledRecord>("record-existing", 1, new RecordRevoked("record-existing", "court ruling"));
        });
        Assert.That((await store.Store.LoadAsync<FiledRecord>("record-existing", CancellationToken.None)).State!.Revoked, Is.True);
        Assert.That(await store.ScalarAsync("select count(*) from mt_events"), Is.EqualTo(102));
        Assert.That(await store.ScalarAsync("select count(*) from cm_event_hashes"), Is.EqualTo(102));
    }

    [Test]
    public async Task Events_read_back_keep_their_data_metadata_and_order()
    {
        await using var store = await TestStore.StartAsync();
        var metadata = new EventMetadata("corr-1", "cause-1", new EventActor("913600001234567890", "clerk-7", "member-unit"), "idem-1", "00-abc-def-01");
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1", 50000.00m),
            new RecordAmended("record-1", "罚款5万元", 50000.50m)), metadata);

        await using var query = store.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync("record-1");
        var history = await StreamHistory.ReadAsync(store.DataSource, "record-1", CancellationToken.None);

        Assert.That(events.Select(e => e.EventTypeName), Is.EqualTo(new[] { "record-filed", "record-amended" }));
        Assert.That(events[1].Data, Is.EqualTo(new RecordAmended("record-1", "罚款5万元", 50000.50m)));
        Assert.That(EventMetadata.Of(events[0]), Is.EqualTo(metadata));
        Assert.That(history.Select(h => h.Metadata), Is.All.EqualTo(metadata));
        Assert.That(history.Select(h => h.Actor), Is.All.EqualTo("member-unit:913600001234567890:clerk-7"));
        Assert.That(events[1].Sequence, Is.GreaterThan(events[0].Sequence));
    }
}
