using CreditMesh.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CreditMesh.Exchange.Consumers;

/// <summary>
/// Upgrade step for the list entries' own queue: a broker set up by an earlier version still routes list-entry envelopes to the
/// records' queue (<c>exchange-source-event</c>), whose consumer no longer takes them, so each would also be moved to its
/// <c>_skipped</c> queue. At start-up the two old bindings are removed (a broker without them is left as it is); the envelopes
/// reach <see cref="ListEntryEventConsumer"/>'s queue either way. See docs/operations.md, Upgrades.
/// </summary>
public sealed class StaleListEntryBindings(IOptions<RabbitMqOptions> options, ILogger<StaleListEntryBindings> logger) : IHostedService
{
    public const string RecordsQueue = "exchange-source-event";

    /// <summary>MassTransit's exchanges for the two envelope types (namespace:Type--Argument--).</summary>
    public static readonly string[] MovedMessageExchanges =
        ["CreditMesh.Contracts:EventBatch--ListEntryActivated--", "CreditMesh.Contracts:EventBatch--ListEntryRemoved--"];

    public async Task StartAsync(CancellationToken ct)
    {
        var rabbit = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost, UserName = rabbit.Username, Password = rabbit.Password,
            ClientProvidedName = "exchange-upgrade", RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(ct);
            foreach (var source in MovedMessageExchanges)
            {
                // A channel per unbind: one whose exchange does not exist (a new broker) is closed by the broker.
                await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
                try
                {
                    await channel.ExchangeUnbindAsync(RecordsQueue, source, "", cancellationToken: ct);
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    // Nothing to remove: the broker never had this exchange or the records' exchange.
                }
            }
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException)
        {
            logger.LogWarning(e, "Could not remove the old list-entry bindings of {Queue}; list entries still reach their own queue", RecordsQueue);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
