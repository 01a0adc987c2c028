using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Calendar;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Features;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Ingestion;

/// <summary>信用信息归集与双公示: credit records from member units, their publicity windows and data quality.</summary>
public static class IngestionService
{
    public const string Name = "ingestion";

    public static WebApplicationBuilder AddIngestionServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration).Event<RecordAccepted>().Event<RecordCorrected>().Event<RecordRevoked>().Event<RecordDisclosureEnded>()
            .InlineProjection<Projections.DisclosureProjection>()
            .InlineProjection<Projections.QualityProjection>();
        builder.Services.AddHostedService<IngestionSchema>();
        builder.Services.AddSingleton(WorkingDayCalendar.LoadEmbedded());
        builder.Services.AddOptions<PublicityOptions>().Bind(builder.Configuration.GetSection("Publicity"));
        builder.Services.AddSingleton<RecordIntake>();
        builder.Services.AddSingleton<IIntegrationEventMapper, IngestionEventMapper>();
        builder.Services.AddSingleton<PublicityExpiry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublicityExpiry>());
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<Consumers.SubmitCreditRecordConsumer>();
            bus.AddConsumer<Consumers.RecordLifecycleConsumer>();
            bus.AddConsumer<Consumers.ListEntryDisclosureConsumer>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapRecordsApi();
        app.MapRecordChangesApi();
        app.MapDisclosuresApi();
        app.MapQualityApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}

/// <summary>Ingestion's read-model tables, created once the event store's schema exists.</summary>
internal sealed class IngestionSchema(EventStoreInitializer initializer, Npgsql.NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await initializer.Initialized.WaitAsync(cancellationToken);
        await Projections.DisclosureProjection.EnsureCreatedAsync(dataSource, cancellationToken);
        await Projections.QualityProjection.EnsureCreatedAsync(dataSource, cancellationToken);
        await Consumers.ListEntryDisclosureConsumer.EnsureCreatedAsync(dataSource, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
