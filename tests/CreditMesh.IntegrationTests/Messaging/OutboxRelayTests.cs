using CreditMesh.EventSourcing;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.IntegrationTests.Messaging;

public sealed class OutboxRelayTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task A_relay_killed_mid_batch_resumes_keeping_each_streams_order_and_the_inbox_makes_redelivery_harmless(CancellationToken ct)
    {
        var broker = await Infrastructure.RabbitMq;
        var virtualHost = await broker.CreateVirtualHostAsync();
        var producerDb = await Infrastructure.Postgres.CreateDatabaseAsync("producer");
        var consumerDb = await Infrastructure.Postgres.CreateDatabaseAsync("consumer");
        var log = new ConsumerLog();
        // Ten subjects, five events each: every event is a SubjectRegistered message for "<subject>-v<version>".
        var subjects = Enumerable.Range(0, 10).Select(i => $"SUBJ{i:D2}").ToList();

        // Given a consuming service host is running and a producing host that packs two events into each envelope (so the page is
        // 25 envelopes in three rounds: versions 1-2 of every stream, then 3-4, then 5) and whose 8th publish stalls
        using var consumer = RelayHosts.Consumer(consumerDb, broker, virtualHost, log);
        await consumer.StartAsync(ct);
        var stall = new StallingPublishObserver(stallAt: 8);
        var producer = RelayHosts.Producer(producerDb, broker, virtualHost, stall, eventsPerMessage: 2);
        await producer.StartAsync(ct);

        // When the 50 events are committed in one transaction (one relay page)
        var store = producer.Services.GetRequiredService<IDocumentStore>();
        await using (var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct))
        {
            foreach (var subject in subjects)
                session.Events.StartStream<SubjectEnrolled>(subject, Enumerable.Range(1, 5).Select(v => (object)new SubjectEnrolled($"{subject}-v{v}", "企业")).ToArray());
            await session.SaveChangesAsync(ct);
        }

        // And the producer is killed once some publishes were confirmed and one is stuck, before its progress could move
        await log.WhenAsync(d => d.Count >= 15).WaitAsync(ct);
        await producer.StopAsync(ct);
        producer.Dispose();
        var confirmedBeforeKill = stall.Confirmed;
        Assert.That(confirmedBeforeKill, Is.InRange(15, 49), "killed mid-batch");

        // Then a restarted producer resumes from its progress and every event arrives
        using var restarted = RelayHosts.Producer(producerDb, broker, virtualHost, eventsPerMessage: 2);
        await restarted.StartAsync(ct);
        await log.WhenAsync(d => d.Count(x => !x.Duplicate) == 50).WaitAsync(ct);

        // Exactly once in effect, in version order within each stream; what the first run delivered came again and was recognised
        var firsts = log.Deliveries.Where(d => !d.Duplicate).Select(d => d.Code).ToList();
        Assert.That(firsts, Is.EquivalentTo(subjects.SelectMany(s => Enumerable.Range(1, 5).Select(v => $"{s}-v{v}"))));
        foreach (var subject in subjects)
            Assert.That(firsts.Where(c => c.StartsWith(subject + "-", StringComparison.Ordinal)), Is.EqualTo(Enumerable.Range(1, 5).Select(v => $"{subject}-v{v}")), subject);
        await log.WhenAsync(d => d.Count == 50 + confirmedBeforeKill).WaitAsync(ct);
        Assert.That(log.Deliveries.Count(d => d.Duplicate), Is.EqualTo(confirmedBeforeKill));
        var consumerDatabase = consumer.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using var count = consumerDatabase.CreateCommand("select count(*), count(distinct stream_id) from mt_events");
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Assert.That((reader.GetInt64(0), reader.GetInt64(1)), Is.EqualTo((50L, 50L)));

        await restarted.StopAsync(ct);
        await consumer.StopAsync(ct);
    }

    /// <summary>Also without LISTEN/NOTIFY (EventStore:NotifyOnAppend false): the daemon's poll then finds the commit.</summary>
    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(120_000)]
    public async Task The_relay_reads_only_event_types_it_publishes_and_its_progress_still_passes_the_others(bool notifyOnAppend, CancellationToken ct)
    {
        var broker = await Infrastructure.RabbitMq;
        var virtualHost = await broker.CreateVirtualHostAsync();
        var producerDb = await Infrastructure.Postgres.CreateDatabaseAsync("producer");
        var consumerDb = await Infrastructure.Postgres.CreateDatabaseAsync("consumer");
        var log = new ConsumerLog();
        using var consumer = RelayHosts.Consumer(consumerDb, broker, virtualHost, log);
        await consumer.StartAsync(ct);
        var mapper = new FilteringMapper();
        using var producer = RelayHosts.FilteringProducer(producerDb, broker, virtualHost, mapper, notifyOnAppend);
        await producer.StartAsync(ct);

        // Given five streams whose published events are interleaved with internal notes, and a last stream of notes only
        var store = producer.Services.GetRequiredService<IDocumentStore>();
        await using (var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct))
        {
            for (var i = 0; i < 5; i++)
                session.Events.StartStream<SubjectEnrolled>($"SUBJ{i}", new SubjectEnrolled($"SUBJ{i}-v1", "企业"), new SubjectNoted($"SUBJ{i}", "内部"),
                    new SubjectEnrolled($"SUBJ{i}-v3", "企业"));
            session.Events.StartStream<SubjectNoted>("notes", new SubjectNoted("notes", "a"), new SubjectNoted("notes", "b"));
            await session.SaveChangesAsync(ct);
        }

        // Then every published event arrives in its stream's order
        await log.WhenAsync(d => d.Count(x => !x.Duplicate) == 10).WaitAsync(ct);
        foreach (var i in Enumerable.Range(0, 5))
            Assert.That(log.Deliveries.Where(d => d.Code.StartsWith($"SUBJ{i}-", StringComparison.Ordinal)).Select(d => d.Code), Is.EqualTo(new[] { $"SUBJ{i}-v1", $"SUBJ{i}-v3" }));

        // And the relay's progress reaches the last event although the tail is notes only (readiness waits on it)
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var database = producer.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using var command = database.CreateCommand(
            "select (select last_seq_id from mt_event_progression where name like 'outbox-relay%'), (select max(seq_id) from mt_events)");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Assert.That(reader.GetInt64(0), Is.EqualTo(reader.GetInt64(1)), "relay progress stands at the last event");

        // And the relay was never handed the internal notes (the daemon did not read those rows)
        Assert.That(mapper.Handed, Is.EquivalentTo(new[] { typeof(SubjectEnrolled) }));
        await producer.StopAsync(ct);
        await consumer.StopAsync(ct);
    }
}
