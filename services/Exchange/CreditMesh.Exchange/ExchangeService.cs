using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Consumers;
using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Receipts;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Domain.Subscriptions;
using CreditMesh.Exchange.Features;
using CreditMesh.Exchange.Projections;
using CreditMesh.Messaging;
using MassTransit;
using CreditMesh.ServiceDefaults.AccessLog;
using Microsoft.Extensions.Options;

namespace CreditMesh.Exchange;

/// <summary>报送/共享与信息推送: the outgoing feed to the national platform, its receipts, and push subscriptions (DESIGN §4.10).</summary>
public static class ExchangeService
{
    public const string Name = "exchange";

    public static WebApplicationBuilder AddExchangeServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore()
            .Event<ItemShared>().Event<ItemWithdrawn>().Event<FeedAcknowledged>().Event<SubscriptionCreated>().Event<SubscriptionCancelled>()
            .InlineProjection<FeedProjection>()
            .InlineProjection<ReceiptProjection>()
            .InlineProjection<SubscriptionProjection>()
            .ReadModel(ExchangeSchema.EnsureCreatedAsync);
        builder.Services.AddOptions<ExchangeOptions>().Bind(builder.Configuration.GetSection(ExchangeOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) => options.IsDevelopment = environment.IsDevelopment())
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IIntegrationEventMapper, ExchangeEventMapper>();
        builder.Services.AddSingleton<SharingLedger>();
        builder.Services.AddSingleton<FeedQueries>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<DeliverySender>();
        DeliverySender.Register(builder.Services);
        builder.Services.AddHostedService<DeliveryDispatcher>();
        builder.Services.AddHostedService<ExpirySweeper>();
        builder.Services.AddHostedService<StaleListEntryBindings>();
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<SourceEventConsumer, BatchConsumerDefinition<SourceEventConsumer>>();
            bus.AddConsumer<ListEntryEventConsumer, BatchConsumerDefinition<ListEntryEventConsumer>>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapExchangeApi(this WebApplication app)
    {
        app.MapFeedApi();
        app.MapReceiptsApi();
        app.MapSubscriptionsApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}
