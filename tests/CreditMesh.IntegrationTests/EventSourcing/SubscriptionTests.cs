using CreditMesh.EventSourcing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditMesh.IntegrationTests.EventSourcing;

public sealed class SubscriptionTests
{
    [Test]
    public async Task A_reader_waits_for_an_earlier_transaction_that_commits_after_later_ones_instead_of_skipping_it()
    {
        var store = await TestStores.CreateAsync();
        var runner = new SubscriptionRunner(store);
        var subscription = new RecordingSubscription();

        // Given transaction A has written event X but not committed
        await using var slow = store.OpenSession();
        slow.Events.StartStream<FiledRecord>("record-x", TestStores.Filed("record-x"));
        await slow.FlushAsync();

        // And transaction B, started later, has written and committed event Y
        var y = await WriteAsync(store, "record-y");
        Assert.That(await CommittedSeqsAsync(store), Is.EqualTo(new[] { y.Seq }),
            "only Y is visible: a reader ordered by seq alone would pass X's position now and never come back");

        // When the subscription runs while A is still open, it handles nothing
        Assert.That((await runner.RunOnceAsync(subscription)).Handled, Is.EqualTo(0));

        // And once A commits, it handles X and then Y, in commit-transaction order
        await slow.SaveChangesAsync();
        await runner.RunOnceAsync(subscription);
        Assert.That(subscription.Streams, Is.EqualTo(new[] { "record-x", "record-y" }));
        Assert.That((await runner.RunOnceAsync(subscription)).Handled, Is.EqualTo(0), "nothing is handled twice");
    }

    [Test]
    public async Task An_inline_projection_commits_with_the_append_and_rolls_back_with_it()
    {
        var projection = new RecordFinesProjection();
        var store = await TestStores.CreateAsync(inline: projection);
        await WriteAsync(store, "record-1");

        await using (var failing = store.OpenSession())
        {
            failing.Events.StartStream<FiledRecord>("record-2", TestStores.Filed("record-2"));
            failing.Events.Append("record-1", 7, new RecordAmended("record-1", "stale", 1m));
            Assert.ThrowsAsync<ConcurrencyException>(() => failing.SaveChangesAsync());
        }

        Assert.That(await RecordFinesProjection.ReadAsync(store), Is.EqualTo(new Dictionary<string, decimal> { ["record-1"] = 100m }));
    }

    [Test]
    public async Task An_inline_projection_rebuilt_from_zero_equals_the_live_one_and_leaves_out_archived_streams()
    {
        var projection = new RecordFinesProjection();
        var store = await TestStores.CreateAsync(inline: projection);
        for (var i = 0; i < 30; i++) await WriteAsync(store, $"record-{i}", amend: i % 3 == 0);
        var live = await RecordFinesProjection.ReadAsync(store);

        await new ProjectionRebuilder(store).RebuildInlineAsync(projection);
        Assert.That(await RecordFinesProjection.ReadAsync(store), Is.EqualTo(live));

        await store.ArchiveStreamAsync("record-5");
        await new ProjectionRebuilder(store).RebuildInlineAsync(projection);
        var rebuilt = await RecordFinesProjection.ReadAsync(store);
        Assert.That(rebuilt.Keys, Does.Not.Contain("record-5"));
        Assert.That(rebuilt, Has.Count.EqualTo(29));
    }

    [Test]
    public async Task An_async_projection_catches_up_resumes_from_its_checkpoint_after_a_restart_and_rebuilds_from_zero()
    {
        var store = await TestStores.CreateAsync();
        var projection = new AsyncProjection(new RecordFinesProjection("async_fines"));
        StoredEvent last = default!;
        for (var i = 0; i < 40; i++) last = await WriteAsync(store, $"record-{i}", amend: i % 4 == 0);

        // The daemon catches up with everything written before it started
        await using (var daemon = await DaemonHost.StartAsync(store, projection))
            await daemon.Daemon.WaitForAsync(projection.Name, Checkpoint.After(last), Timeout);
        Assert.That(await RecordFinesProjection.AppliedCountAsync(store, "async_fines"), Is.EqualTo(50));

        // A new daemon (after a crash or restart) resumes from the saved checkpoint: nothing is applied twice
        for (var i = 40; i < 45; i++) last = await WriteAsync(store, $"record-{i}");
        await using (var daemon = await DaemonHost.StartAsync(store, projection))
        {
            await daemon.Daemon.WaitForAsync(projection.Name, Checkpoint.After(last), Timeout);
            Assert.That(await RecordFinesProjection.AppliedCountAsync(store, "async_fines"), Is.EqualTo(55));
            var live = await RecordFinesProjection.ReadAsync(store, "async_fines");

            // Rebuilding empties it and rewinds it to zero; the running daemon replays everything once to the same state
            await daemon.Daemon.RebuildAsync(projection);
            await daemon.Daemon.WaitForAsync(projection.Name, Checkpoint.After(last), Timeout);
            Assert.That(await RecordFinesProjection.ReadAsync(store, "async_fines"), Is.EqualTo(live));
            Assert.That(await RecordFinesProjection.AppliedCountAsync(store, "async_fines"), Is.EqualTo(55));
        }
    }

    private static readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static async Task<StoredEvent> WriteAsync(EventStore store, string id, bool amend = false)
    {
        await using var session = store.OpenSession();
        session.Events.StartStream<FiledRecord>(id, TestStores.Filed(id));
        if (amend) session.Events.Append(id, new RecordAmended(id, "amended", 42m));
        return (await session.SaveChangesAsync())[^1];
    }

    private static async Task<long[]> CommittedSeqsAsync(EventStore store)
    {
        await using var command = store.DataSource.CreateCommand("select seq from events order by seq");
        var seqs = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) seqs.Add(reader.GetInt64(0));
        return [.. seqs];
    }

    private sealed class RecordingSubscription : IEventSubscription
    {
        public List<string> Streams { get; } = [];
        public string Name => "recording";

        public Task HandleAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
        {
            Streams.AddRange(events.Select(e => e.StreamId));
            return Task.CompletedTask;
        }
    }
}

/// <summary>A subscription daemon running on its own, as a service host runs it.</summary>
public sealed class DaemonHost : IAsyncDisposable
{
    private DaemonHost(SubscriptionDaemon daemon) => Daemon = daemon;

    public SubscriptionDaemon Daemon { get; }

    public static async Task<DaemonHost> StartAsync(EventStore store, params IEventSubscription[] subscriptions)
    {
        var options = Options.Create(new EventStoreOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        var initializer = new EventStoreInitializer(store, options, NullLogger<EventStoreInitializer>.Instance);
        await initializer.StartAsync(CancellationToken.None);
        var daemon = new SubscriptionDaemon(store, subscriptions, new EventNotifier(store.DataSource, NullLogger<EventNotifier>.Instance),
            initializer, options, NullLogger<SubscriptionDaemon>.Instance);
        await daemon.StartAsync(CancellationToken.None);
        return new DaemonHost(daemon);
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.StopAsync(CancellationToken.None);
        Daemon.Dispose();
    }
}
