using System.ComponentModel.DataAnnotations;
using CreditMesh.Registry.Archive;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CreditMesh.Registry.Consumers;

/// <summary>
/// Section "ConsumerBatches": how the registry's busiest consumers (archive, provisional subjects) take
/// messages in batches, one transaction per batch, to keep up with batch ingestion (DESIGN §6: ≥ 2,000 records/s).
/// </summary>
public sealed class ConsumerBatchOptions
{
    /// <summary>Most messages of one type in one batch; the endpoint's prefetch is raised to hold a full batch.</summary>
    [Range(1, 500)] public int MessageLimit { get; set; } = 100;

    /// <summary>How long a batch waits to fill; a lone message is handled after at most this delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches of one endpoint handled at the same time.</summary>
    [Range(1, 16)] public int ConcurrencyLimit { get; set; } = 2;

    internal static void Apply<TConsumer>(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context) where TConsumer : class
    {
        var options = context.GetRequiredService<IOptions<ConsumerBatchOptions>>().Value;
        // Prefetch bounds what a batch can gather; twice the limit lets the next batch fill while one is written.
        endpoint.PrefetchCount = Math.Max(endpoint.PrefetchCount, options.MessageLimit * options.ConcurrencyLimit * 2);
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(options.MessageLimit).SetTimeLimit(options.TimeLimit)
            .SetConcurrencyLimit(options.ConcurrencyLimit));
    }
}

public sealed class ArchiveConsumerDefinition : ConsumerDefinition<ArchiveConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ArchiveConsumer> consumerConfigurator, IRegistrationContext context) =>
        ConsumerBatchOptions.Apply(endpointConfigurator, consumerConfigurator, context);
}

public sealed class ProvisionalSubjectConsumerDefinition : ConsumerDefinition<ProvisionalSubjectConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ProvisionalSubjectConsumer> consumerConfigurator, IRegistrationContext context) =>
        ConsumerBatchOptions.Apply(endpointConfigurator, consumerConfigurator, context);
}
