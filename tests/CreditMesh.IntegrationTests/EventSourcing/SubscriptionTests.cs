using System.Collections.Concurrent;
using CreditMesh.EventSourcing;
using CreditMesh.Testing;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon.Coordination;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>DESIGN §3.3, §3.4: ordered reading that never skips, inline and async projections, resume and rebuild — Marten's daemon.</summary>
public sealed class SubscriptionTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task The_relay_and_an_async_projection_wait_for_an_earlier_transaction_that_commits_after_later_ones(CancellationToken ct)
    {
        await using var store = await TestStore.StartAsync(configure: Recording);
        var seen = store.Host.Services.GetRequiredService<Seen>();

        // Given transaction A has appended event X through Marten's own append function but not committed
        await using var held = await store.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await held.BeginTransactionAsync(ct);
        await using (var append = new NpgsqlCommand("""
            select mt_quick_append_events('record-x', 'filed_record', null, array[gen_random_uuid()], array['record-filed'], array[null::varchar],
                array['{"recordId":"record-x","subjectCode":"9144030071526726XG","title":"x","fineAmount":1}'::jsonb], array[null::bytea],
                array[null::varchar], array[null::varchar], array[null::jsonb], array[now()])
            """, held, transaction))
            await append.ExecuteNonQueryAsync(ct);

        // And transactions B and C, started later, have appended and committed Y and Z
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-y", TestStore.Filed("record-y")));
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-z", TestStore.Filed("record-z")));

        // When the daemon runs for a while, neither the subscription nor the async projection passes X's position
        await Task.Delay(TimeSpan.FromSeconds(6), ct); // longer than the daemon's stale-gap threshold: it must still wait
        Assert.That(seen.Streams, Is.Empty, "the subscription must not deliver Y and Z ahead of the uncommitted X");
        Assert.That(await RecordFinesProjection.ReadAsync(store.DataSource), Is.Empty);

        // And once A commits, both handle X, then Y and Z, each exactly once
        await transaction.CommitAsync(ct);
        await Eventually.UntilAsync(() => Task.FromResult(seen.Streams.Count == 3), "the subscription sees X, Y and Z", ct: ct);
        Assert.That(seen.Streams, Is.EqualTo(new[] { "record-x", "record-y", "record-z" }));
        await Eventually.UntilAsync(async () => (await RecordFinesProjection.ReadAsync(store.DataSource)).Count == 3, "the projection applies all three", ct: ct);
        Assert.That(await store.ScalarAsync("select count(*) from record_fines_applied"), Is.EqualTo(3));
    }

    [Test]
    public async Task An_inline_projection_commits_with_the_append_and_rolls_back_with_it()
    {
        await using var store = await TestStore.StartAsync(configure: b => b.InlineProjection<RecordFinesProjection>().ReadModel(RecordFinesProjection.EnsureCreatedAsync));
        await store.WriteAsync(s => s.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1")));
        Assert.That(await RecordFinesProjection.ReadAsync(store.DataSource), Is.EqualTo(new Dictionary<string, decimal> { ["record-1"] = 100m }),
            "visible as soon as the append committed");

        Assert.ThrowsAsync<ConcurrencyException>(() => store.WriteAsync(s =>
        {
            s.Events.StartStream<FiledRecord>("record-2", TestStore.Filed("record-2"));
            s.AppendAt<FiledRecord>("record-1", 7, new RecordAmended("record-1", "stale", 1m));
        }));

        Assert.That(await RecordFinesProjection.ReadAsync(store.DataSource), Is.EqualTo(new Dictionary<string, decimal> { ["record-1"] = 100m }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_async_projection_catches_up_resumes_after_a_restart_and_rebuilds_from_zero(CancellationToken ct)
    {
        var database = await Infrastructure.Postgres.CreateDatabaseAsync("es");
        Action<EventStoreBuilder> async = b => b.AsyncProjection<RecordFinesProjection>().ReadModel(RecordFinesProjection.EnsureCreatedAsync);
        Dictionary<string, decimal> live;
        await using (var store = await TestStore.StartAsync(database, configure: async))
        {
            for (var i = 0; i < 40; i++) await WriteAsync(store, $"record-{i}", amend: i % 4 == 0);
            await Eventually.UntilAsync(async () => await store.ScalarAsync("select count(*) from record_fines_applied") == 50, "catches up", ct: ct);
        }

        // A new host (after a crash or a restart) resumes from Marten's saved progress: nothing is applied twice
        await using (var store = await TestStore.StartAsync(database, configure: async))
        {
            for (var i = 40; i < 45; i++) await WriteAsync(store, $"record-{i}");
            await Eventually.UntilAsync(async () => await store.ScalarAsync("select count(*) from record_fines_applied") == 55, "resumes", ct: ct);
            live = await RecordFinesProjection.ReadAsync(store.DataSource);

            // Rebuilding empties it and replays every event once, to the same state
            var projection = store.Host.Services.GetRequiredService<RecordFinesProjection>();
            await projection.RebuildAsync(store.DataSource, store.Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>(), ct);
            await Eventually.UntilAsync(async () => await store.ScalarAsync("select count(*) from record_fines_applied") == 55, "rebuilt", ct: ct);
            Assert.That(await RecordFinesProjection.ReadAsync(store.DataSource), Is.EqualTo(live));
        }
    }

    private static void Recording(EventStoreBuilder builder)
    {
        builder.Services.AddSingleton<Seen>();
        builder.Subscription<RecordingSubscription>(s => s.Name = "recording");
        builder.AsyncProjection<RecordFinesProjection>().ReadModel(RecordFinesProjection.EnsureCreatedAsync);
    }

    private static Task WriteAsync(TestStore store, string id, bool amend = false)
    {
        object[] events = amend ? [TestStore.Filed(id), new RecordAmended(id, "amended", 42m)] : [TestStore.Filed(id)];
        return store.WriteAsync(s => s.Events.StartStream<FiledRecord>(id, events));
    }

    public sealed class Seen
    {
        private readonly ConcurrentQueue<string> _streams = new();
        public IReadOnlyList<string> Streams => [.. _streams];
        public void Add(string stream) => _streams.Enqueue(stream);
    }

    public sealed class RecordingSubscription(Seen seen) : SubscriptionBase
    {
        public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
            CancellationToken cancellationToken)
        {
            foreach (var e in page.Events) seen.Add(e.StreamKey!);
            return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
        }
    }
}
