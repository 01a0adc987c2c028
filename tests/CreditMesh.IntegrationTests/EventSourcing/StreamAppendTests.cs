using CreditMesh.EventSourcing;
using JasperFx;
using Marten;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>
/// ADR 0014: a session's AppendAt streams are written by one set-based statement. What Marten and the auditors read back
/// must be what Marten's own append would have written, and a stream not where its writer expected refuses the whole session.
/// </summary>
public sealed class StreamAppendTests
{
    [Test]
    public async Task Many_streams_appended_together_read_back_as_Martens_own_with_metadata_and_intact_chains()
    {
        // Given a stream at version 1, written through Marten's own append
        await using var store = await TestStore.StartAsync(configure: b => b.InlineProjection<RecordFinesProjection>().ReadModel(RecordFinesProjection.EnsureCreatedAsync));
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-old", TestStore.Filed("record-old")));
        var metadata = new EventMetadata("corr-9", "cause-9", new EventActor("913600001234567890", "clerk-9", "member-unit"), "idem-9", "00-abc-def-01");

        // When one session starts 50 streams (one with two events, given in two appends) and continues the old one
        await using (var session = await store.Store.OpenWriteSessionAsync(metadata, CancellationToken.None))
        {
            for (var i = 0; i < 50; i++) session.AppendAt<FiledRecord>($"record-{i}", 0, TestStore.Filed($"record-{i}", 10m + i));
            session.AppendAt<FiledRecord>("record-7", 0, new RecordAmended("record-7", "金额更正", 70m));
            session.AppendAt<FiledRecord>("record-old", 1, new RecordAmended("record-old", "罚款5万元", 50000.50m));
            await session.CommitAsync(CancellationToken.None);
        }

        // Then Marten folds them, with their versions, type names, data and metadata
        var (amended, version) = await store.Store.LoadAsync<FiledRecord>("record-7", CancellationToken.None);
        Assert.That((amended!.FineAmount, amended.Amendments, version), Is.EqualTo((70m, 1, 2L)));
        await using var query = store.Store.QuerySession();
        var old = await query.Events.FetchStreamAsync("record-old");
        Assert.That(old.Select(e => (e.Version, e.EventTypeName)), Is.EqualTo(new[] { (1L, "record-filed"), (2L, "record-amended") }));
        Assert.That(old[1].Data, Is.EqualTo(new RecordAmended("record-old", "罚款5万元", 50000.50m)));
        Assert.That(EventMetadata.Of(old[1]), Is.EqualTo(metadata));
        Assert.That(old[1].Sequence, Is.GreaterThan(old[0].Sequence));
        Assert.That((await query.Events.FetchStreamStateAsync("record-old"))!.Version, Is.EqualTo(2));

        // And every chain verifies, the inline projection saw every event, and the auditors' history names the actor
        foreach (var stream in new[] { "record-old", "record-0", "record-7", "record-49" })
            Assert.That((await StreamHistory.VerifyAsync(store.DataSource, stream, CancellationToken.None)).Intact, Is.True, stream);
        var fines = await RecordFinesProjection.ReadAsync(store.DataSource);
        Assert.That((fines.Count, fines["record-7"], fines["record-old"], fines["record-49"]), Is.EqualTo((51, 70m, 50000.50m, 59m)));
        var history = await StreamHistory.ReadAsync(store.DataSource, "record-7", CancellationToken.None);
        Assert.That(history.Select(h => h.Actor), Is.All.EqualTo("member-unit:913600001234567890:clerk-9"));
    }

    [Test]
    public async Task A_start_of_an_existing_stream_or_a_stale_version_refuses_the_whole_session()
    {
        await using var store = await TestStore.StartAsync(configure: b => b.InlineProjection<RecordFinesProjection>().ReadModel(RecordFinesProjection.EnsureCreatedAsync));
        await store.WriteAsync(s => s.AppendAt<FiledRecord>("record-1", 0, TestStore.Filed("record-1")));

        foreach (var (stream, expected) in new[] { ("record-1", 0L), ("record-1", 3L), ("record-missing", 1L) })
        {
            var refused = Assert.ThrowsAsync<ConcurrencyException>(() => store.WriteAsync(s =>
            {
                for (var i = 0; i < 20; i++) s.AppendAt<FiledRecord>($"record-new-{i}", 0, TestStore.Filed($"record-new-{i}"));
                s.AppendAt<FiledRecord>(stream, expected, expected == 0 ? TestStore.Filed(stream, 999m) : new RecordRevoked(stream, "stale"));
            }));
            Assert.That(refused!.Message, Does.Contain(stream), $"{stream} at {expected}");
            Assert.That(StreamWriting.IsConcurrency(refused), Is.True);
        }

        // Nothing of the refused sessions was written: no stream, event, hash or read-model row
        Assert.That(await store.ScalarAsync("select count(*) from mt_streams"), Is.EqualTo(1));
        Assert.That(await store.ScalarAsync("select count(*) from mt_events"), Is.EqualTo(1));
        Assert.That(await store.ScalarAsync("select count(*) from cm_event_hashes"), Is.EqualTo(1));
        Assert.That(await RecordFinesProjection.ReadAsync(store.DataSource), Is.EqualTo(new Dictionary<string, decimal> { ["record-1"] = 100m }));
    }

    [Test]
    public async Task Two_sessions_starting_the_same_stream_at_once_leave_exactly_one_of_them()
    {
        await using var store = await TestStore.StartAsync();
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                await store.WriteAsync(s => s.AppendAt<FiledRecord>("record-1", 0, TestStore.Filed("record-1", i)));
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })).ToList();
        start.Release(6);
        var won = await Task.WhenAll(writers);

        Assert.That(won.Count(w => w), Is.EqualTo(1));
        Assert.That(await store.ScalarAsync("select count(*) from mt_events"), Is.EqualTo(1));
        Assert.That((await StreamHistory.VerifyAsync(store.DataSource, "record-1", CancellationToken.None)).Intact, Is.True);
    }

    [Test]
    public async Task Events_of_a_stream_keep_their_version_order_in_the_global_sequence()
    {
        var seen = new List<(string Stream, long Version)>();
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s =>
        {
            for (var i = 0; i < 30; i++) s.AppendAt<FiledRecord>($"record-{i}", 0, TestStore.Filed($"record-{i}"), new RecordRevoked($"record-{i}", "x"));
        });
        await using var query = store.Store.QuerySession();
        var all = await query.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        seen.AddRange(all.Select(e => (e.StreamKey!, e.Version)));

        // Each stream's events are in version order in the global sequence
        foreach (var group in seen.GroupBy(s => s.Stream))
            Assert.That(group.Select(g => g.Version), Is.EqualTo(new[] { 1L, 2L }), group.Key);
        Assert.That(seen, Has.Count.EqualTo(60));
    }
}
