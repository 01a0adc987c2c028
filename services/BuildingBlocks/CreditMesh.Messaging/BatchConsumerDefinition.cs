using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

/// <summary>
/// The one definition of a batch consumer (STYLE 9): batch size, wait and concurrency from "ConsumerBatches", and a
/// prefetch large enough for the next batch to fill while one is written.
/// </summary>
public sealed class BatchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<ConsumerBatchOptions>>().Value;
        endpoint.PrefetchCount = Math.Max(endpoint.PrefetchCount, options.MessageLimit * options.ConcurrencyLimit * 2);
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(options.MessageLimit).SetTimeLimit(options.TimeLimit)
            .SetConcurrencyLimit(options.ConcurrencyLimit));
    }
}

/// <summary>Inboxes are named after the receive endpoint that consumes (queue name), so two consumers of one message never share one.</summary>
public static class InboxNames
{
    public static string InboxName(this ConsumeContext context) =>
        context.ReceiveContext.InputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
