using CreditMesh.EventSourcing;
using CreditMesh.Calendar;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Features;
using CreditMesh.Messaging;
using MassTransit;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Ingestion;

/// <summary>信用信息归集与双公示: credit records from member units, their publicity windows and data quality.</summary>
public static class IngestionService
{
    public const string Name = "ingestion";

    public static WebApplicationBuilder AddIngestionServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore().Event<RecordAccepted>().Event<RecordCorrected>().Event<RecordRevoked>().Event<RecordDisclosureEnded>()
            .InlineProjection<Projections.DisclosureProjection>()
            .InlineProjection<Projections.QualityProjection>()
            .ReadModel(Projections.RecordQueries.EnsureCreatedAsync);
        builder.Services.AddSingleton(WorkingDayCalendar.LoadEmbedded());
        builder.Services.AddOptions<PublicityOptions>().Bind(builder.Configuration.GetSection(PublicityOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<RecordIntake>();
        builder.Services.AddSingleton<IIntegrationEventMapper, IngestionEventMapper>();
        builder.Services.AddSingleton<PublicityExpiry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublicityExpiry>());
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<Consumers.SubmitCreditRecordConsumer>();
            bus.AddConsumer<Consumers.RecordLifecycleConsumer>();
            bus.AddConsumer<Consumers.ListEntryDisclosureConsumer, BatchConsumerDefinition<Consumers.ListEntryDisclosureConsumer>>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapRecordsApi();
        app.MapRecordListApi();
        app.MapRecordChangesApi();
        app.MapDisclosuresApi();
        app.MapQualityApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}
