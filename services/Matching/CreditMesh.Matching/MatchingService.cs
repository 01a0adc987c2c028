using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Matching.Domain.Measures;
using CreditMesh.Matching.Features;
using CreditMesh.Matching.Index;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;
using MassTransit;

namespace CreditMesh.Matching;

/// <summary>联合奖惩比对: which punishment or incentive measures apply to a subject for a matter.</summary>
public static class MatchingService
{
    public const string Name = "matching";

    public static WebApplicationBuilder AddMatchingServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore().Event<MatchAnswered>().Event<FeedbackReported>()
            .InlineProjection<Projections.MatchLogProjection>()
            .ReadModel(Projections.MatchLogProjection.EnsureCreatedAsync)
            .ReadModel(IndexSchema.EnsureCreatedAsync)
            .ReadModel(EvaluationSchema.EnsureCreatedAsync);
        builder.Services.AddOptions<MatchingOptions>().Bind(builder.Configuration.GetSection(MatchingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Refused at start-up when a measure lacks its legal basis (DESIGN §4.4).
        builder.Services.AddSingleton(_ => CatalogueLoader.LoadEmbedded());
        builder.Services.AddSingleton<SubjectIndex>();
        builder.Services.AddSingleton<ListHistory>();
        builder.Services.AddSingleton<EvaluationHistory>();
        builder.Services.AddSingleton<IndexTailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IndexTailer>());
        builder.Services.AddHealthChecks().AddCheck<IndexTailer>("list-index", tags: ["ready"]);
        builder.Services.AddSingleton<MatchLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchLog>());
        builder.Services.AddSingleton<Matcher>();
        builder.Services.AddSingleton<IIntegrationEventMapper, MatchingEventMapper>();
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<Consumers.ListEntryConsumer, BatchConsumerDefinition<Consumers.ListEntryConsumer>>();
            bus.AddConsumer<Consumers.RepresentativeConsumer, BatchConsumerDefinition<Consumers.RepresentativeConsumer>>();
            bus.AddConsumer<Consumers.EvaluationConsumer, BatchConsumerDefinition<Consumers.EvaluationConsumer>>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapMeasuresApi();
        app.MapMatchApi();
        app.MapFeedbackApi();
        app.MapStatisticsApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}
