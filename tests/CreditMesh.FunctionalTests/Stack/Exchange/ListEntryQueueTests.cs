extern alias Exchange;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Messaging;
using CreditMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using static CreditMesh.FunctionalTests.Stack.Exchange.ExchangeFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;
using StaleListEntryBindings = Exchange::CreditMesh.Exchange.Consumers.StaleListEntryBindings;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>List entries reach exchange on their own queue; a broker an earlier version set up is tidied at start-up.</summary>
public sealed class ListEntryQueueTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task After_an_upgrade_from_one_queue_a_list_entry_is_pushed_once_and_no_copy_is_skipped(CancellationToken ct)
    {
        // Given a broker as the earlier version left it: list-entry envelopes also routed to the records' queue
        var broker = RunningSystem.Broker;
        var factory = new ConnectionFactory { HostName = broker.Host, Port = broker.Port, UserName = broker.Username, Password = broker.Password };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
            foreach (var source in StaleListEntryBindings.MovedMessageExchanges)
            {
                await channel.ExchangeDeclareAsync(source, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
                await channel.ExchangeBindAsync(StaleListEntryBindings.RecordsQueue, source, "", cancellationToken: ct);
            }
        var skippedBefore = await SkippedAsync(connection, ct);

        // When exchange starts (its upgrade step) and a list entry is activated for a subscribed subject
        var rabbit = new RabbitMqOptions { Host = broker.Host, Port = broker.Port, Username = broker.Username, Password = broker.Password };
        await new StaleListEntryBindings(Options.Create(rabbit), NullLogger<StaleListEntryBindings>.Instance).StartAsync(ct);
        await using var listener = await CallbackListener.StartedAsync();
        var code = TestCodes.CreditCode();
        using var unit = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: UnitB, user: "upgrade-unit"));
        await SubscribeAsync(unit, listener.Url, ["ListEntryActivated"], [code], ct: ct);
        var entryId = Guid.NewGuid().ToString();
        await RunningSystem.PublishAsync(ct, new ListEntryActivated(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 1, null, null,
            entryId, ListTypes.CourtDefaulter, UnitA, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(2), ["R-" + entryId]));

        // Then the subscriber hears of it, and the records' queue, once empty, moved no copy aside as one it cannot take
        var delivery = (await listener.UntilReceivedAsync(1, ct)).Single();
        Assert.That(delivery.Json.GetProperty("data").GetProperty("listEntryId").GetString(), Is.EqualTo(entryId));
        await Eventually.UntilAsync(async () => await MessagesAsync(connection, StaleListEntryBindings.RecordsQueue, ct) == 0,
            "the records' queue drained", ct: ct);
        Assert.That(await SkippedAsync(connection, ct), Is.EqualTo(skippedBefore), "no list-entry envelope in exchange-source-event_skipped");
    }

    private static Task<uint> SkippedAsync(IConnection connection, CancellationToken ct) =>
        MessagesAsync(connection, StaleListEntryBindings.RecordsQueue + "_skipped", ct);

    /// <summary>A queue's ready messages (0 when it does not exist).</summary>
    private static async Task<uint> MessagesAsync(IConnection connection, string queue, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}
