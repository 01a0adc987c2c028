using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using Marten.Exceptions;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>DESIGN §3.5–§3.7: the hash chain and its verify operation, time travel, archiving — on Marten's tables.</summary>
public sealed class IntegrityAndTimeTravelTests
{
    [Test]
    public async Task Verify_names_the_first_event_altered_behind_the_stores_back()
    {
        // Given a stream of five events, appended in three sessions, whose chain is intact
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1"), new RecordAmended("record-1", "v1", 101m)));
        for (var i = 2; i <= 4; i++)
        {
            var title = $"v{i}";
            await store.Store.DecideAsync<FiledRecord>("record-1", _ => Decision.Of(new RecordAmended("record-1", title, 100m)), EventMetadata.None, default);
        }
        Assert.That(await VerifyAsync(store, "record-1"), Is.EqualTo(new StreamVerification("record-1", true, null, 5)));

        // When someone lowers the fine of version 3 directly in SQL
        Assert.That(await store.ScalarAsync(
            "with u as (update mt_events set data = jsonb_set(data, '{fineAmount}', '1') where stream_id = 'record-1' and version = 3 returning 1) select count(*) from u"),
            Is.EqualTo(1));

        // Then verify reports the chain broken at version 3
        var verification = await VerifyAsync(store, "record-1");
        Assert.That((verification.Intact, verification.FirstBrokenVersion), Is.EqualTo((false, (long?)3)));
    }

    [Test]
    public async Task Verify_detects_a_deleted_event_a_changed_actor_and_a_cut_off_tail()
    {
        await using var store = await TestStore.StartAsync();
        var metadata = new EventMetadata(Actor: new EventActor("unit-a", "u", "member-unit"));
        await store.WriteAsync(s =>
        {
            s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1"), new RecordAmended("record-1", "v2", 1m), new RecordAmended("record-1", "v3", 2m));
            s.Events.StartStream<FiledRecord>("record-2", TestStore.Filed("record-2"), new RecordAmended("record-2", "v2", 1m));
            s.Events.StartStream<FiledRecord>("record-3", TestStore.Filed("record-3"), new RecordAmended("record-3", "v2", 1m));
        }, metadata);

        await store.ScalarAsync("with d as (delete from mt_events where stream_id = 'record-1' and version = 2 returning 1) select count(*) from d");
        await store.ScalarAsync("""
            with u as (update mt_events set headers = jsonb_set(headers, '{actor-unit}', '"unit-b"') where stream_id = 'record-2' and version = 2 returning 1)
            select count(*) from u
            """);
        await store.ScalarAsync("""
            with d as (delete from mt_events where stream_id = 'record-3' and version = 2 returning 1),
                 h as (delete from cm_event_hashes where stream_id = 'record-3' and version = 2 returning 1)
            select (select count(*) from d) + (select count(*) from h)
            """);

        Assert.That((await VerifyAsync(store, "record-1")).FirstBrokenVersion, Is.EqualTo(2));
        Assert.That((await VerifyAsync(store, "record-2")).FirstBrokenVersion, Is.EqualTo(2));
        Assert.That((await VerifyAsync(store, "record-3")).FirstBrokenVersion, Is.EqualTo(2), "mt_streams still says version 2");

        // Verifying many at once (a subject's whole archive) gives each stream its own answer, in the order asked
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-4", TestStore.Filed("record-4")), metadata);
        var many = await StreamHistory.VerifyAsync(store.DataSource, ["record-4", "record-3", "record-unknown", "record-1", "record-2"], default);
        Assert.That(many.Select(v => (v.StreamId, v.Intact, v.FirstBrokenVersion)), Is.EqualTo(new[]
        {
            ("record-4", true, (long?)null), ("record-3", false, 2L), ("record-unknown", true, null), ("record-1", false, 2L), ("record-2", false, 2L),
        }));
    }

    [Test]
    public async Task A_stream_aggregates_as_of_a_past_instant_and_a_past_version()
    {
        // Given a record filed on 1 March, amended on 1 April and revoked on 1 May (event times from the host's clock)
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var store = await TestStore.StartAsync(time: clock);
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1", 100m)));
        clock.Set(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await store.Store.DecideAsync<FiledRecord>("record-1", _ => Decision.Of(new RecordAmended("record-1", "corrected", 80m)), EventMetadata.None, default);
        clock.Set(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await store.Store.DecideAsync<FiledRecord>("record-1", _ => Decision.Of(new RecordRevoked("record-1", "reconsideration")), EventMetadata.None, default);

        // Then the state as of 15 March, 15 April and now differ as the history says
        var (march, _) = await store.Store.LoadAsync<FiledRecord>("record-1", default, asOf: new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(8)));
        var (april, _) = await store.Store.LoadAsync<FiledRecord>("record-1", default, asOf: new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.FromHours(8)));
        var (now, _) = await store.Store.LoadAsync<FiledRecord>("record-1", default);
        Assert.That((march!.FineAmount, march.Revoked), Is.EqualTo((100m, false)));
        Assert.That((april!.FineAmount, april.Revoked), Is.EqualTo((80m, false)));
        Assert.That(now!.Revoked, Is.True);
        Assert.That((await store.Store.LoadAsync<FiledRecord>("record-1", default, version: 2)).State!.Title, Is.EqualTo("corrected"));
        Assert.That((await store.Store.LoadAsync<FiledRecord>("record-1", default, asOf: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero))).State, Is.Null);
        await using var query = store.Store.QuerySession();
        Assert.That((await query.Events.AggregateStreamAsync<FiledRecord>("record-1", timestamp: new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.Zero)))!.FineAmount,
            Is.EqualTo(80m), "Marten's own time travel agrees");
        Assert.That((await VerifyAsync(store, "record-1")).Intact, Is.True);
    }

    [Test]
    public async Task An_archived_stream_refuses_appends_but_stays_readable_and_verifiable()
    {
        await using var store = await TestStore.StartAsync();
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));

        await store.WriteAsync(s => s.Events.ArchiveStream("record-1"));

        Assert.ThrowsAsync<InvalidStreamOperationException>(() =>
            store.Store.DecideAsync<FiledRecord>("record-1", _ => Decision.Of(new RecordRevoked("record-1", "too late")), EventMetadata.None, default));
        Assert.That(await store.ScalarAsync("select count(*) from mt_streams where id = 'record-1' and is_archived"), Is.EqualTo(1));
        Assert.That(await StreamHistory.ReadAsync(store.DataSource, "record-1", default), Has.Count.EqualTo(1), "kept for audit");
        Assert.That((await VerifyAsync(store, "record-1")).Intact, Is.True);
    }

    private static Task<StreamVerification> VerifyAsync(TestStore store, string stream) => StreamHistory.VerifyAsync(store.DataSource, stream, default);
}
