using CreditMesh.EventSourcing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.IntegrationTests.Messaging;

public sealed class OutboxRelayTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task A_relay_killed_mid_batch_resumes_in_order_and_the_inbox_makes_redelivery_harmless(CancellationToken ct)
    {
        var broker = await Infrastructure.RabbitMq;
        var virtualHost = await broker.CreateVirtualHostAsync();
        var producerDb = await Infrastructure.Postgres.CreateDatabaseAsync("producer");
        var consumerDb = await Infrastructure.Postgres.CreateDatabaseAsync("consumer");
        var log = new ConsumerLog();
        var codes = Enumerable.Range(0, 50).Select(i => $"SUBJ{i:D4}").ToList();

        // Given a consuming service host is running and a producing host whose broker publish stalls at the 20th event
        using var consumer = RelayHosts.Consumer(consumerDb, broker, virtualHost, log);
        await consumer.StartAsync(ct);
        var producer = RelayHosts.Producer(producerDb, broker, virtualHost, stallAt: 20);
        await producer.StartAsync(ct);

        // When 50 subjects are enrolled in the producer's event store in one transaction (one relay batch)
        var store = producer.Services.GetRequiredService<EventStore>();
        await using (var session = store.OpenSession())
        {
            foreach (var code in codes) session.Events.StartStream(code, "Subject", new SubjectEnrolled(code, "企业 " + code));
            await session.SaveChangesAsync(ct);
        }

        // And the producer is killed after 19 confirmed publishes, before its checkpoint could advance
        await log.WhenAsync(d => d.Count >= 19).WaitAsync(ct);
        await producer.StopAsync(ct);
        producer.Dispose();
        Assert.That(log.Deliveries.Select(d => d.Code), Is.EqualTo(codes.Take(19)));

        // Then a restarted producer resumes from its checkpoint and every subject arrives
        using var restarted = RelayHosts.Producer(producerDb, broker, virtualHost);
        await restarted.StartAsync(ct);
        await log.WhenAsync(d => d.Count(x => !x.Duplicate) == 50).WaitAsync(ct);

        // Exactly once in effect and in commit order; the replayed head of the batch was recognised by the inbox
        var deliveries = log.Deliveries;
        Assert.That(deliveries.Where(d => !d.Duplicate).Select(d => d.Code), Is.EqualTo(codes));
        Assert.That(deliveries.Where(d => d.Duplicate).Select(d => d.Code), Is.EqualTo(codes.Take(19)));
        var consumerStore = consumer.Services.GetRequiredService<EventStore>();
        await using var count = consumerStore.DataSource.CreateCommand("select count(*), count(distinct stream_id) from events");
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Assert.That((reader.GetInt64(0), reader.GetInt64(1)), Is.EqualTo((50L, 50L)));

        await restarted.StopAsync(ct);
        await consumer.StopAsync(ct);
    }
}
