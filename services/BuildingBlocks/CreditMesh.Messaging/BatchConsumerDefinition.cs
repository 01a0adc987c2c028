using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

/// <summary>
/// The one definition of a hot-path consumer (STYLE 9): it takes envelopes of events (<see cref="Contracts.EventBatch{T}"/>,
/// one transaction each), as many at a time as "ConsumerBatches" allows, with a prefetch that keeps the next ones at hand.
/// </summary>
public sealed class BatchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<ConsumerBatchOptions>>().Value;
        endpoint.ConcurrentMessageLimit = options.ConcurrencyLimit;
        endpoint.PrefetchCount = Math.Max(options.ConcurrencyLimit * 2, 4);
    }
}

/// <summary>Inboxes are named after the receive endpoint that consumes (queue name), so two consumers of one message never share one.</summary>
public static class InboxNames
{
    public static string InboxName(this ConsumeContext context) =>
        context.ReceiveContext.InputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
