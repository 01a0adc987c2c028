using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.Registry.Archive;
using CreditMesh.Registry.Consumers;
using CreditMesh.Registry.Domain;
using CreditMesh.Registry.Features;
using CreditMesh.Registry.Projections;
using CreditMesh.Registry.Reports;
using CreditMesh.ServiceDefaults.AccessLog;
using MassTransit;

namespace CreditMesh.Registry;

/// <summary>主体登记与信用档案: credit subjects, legacy-code mapping and each subject's credit archive.</summary>
public static class RegistryService
{
    public const string Name = "registry";

    public static WebApplicationBuilder AddRegistryServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore()
            .Event<SubjectRegistered>().Event<SubjectUpdated>().Event<LegacyCodeLinked>().Event<SubjectDeregistered>()
            .Event<Domain.Archive.ArchivedEvent>() // only in databases written before ADR 0019, read to carry their chains over
            .Event<Domain.Reports.CreditReportIssued>()
            .InlineProjection<Reports.ReportDirectory>()
            .InlineProjection<LegacyCodeProjection>()
            .InlineProjection<SubjectDirectoryProjection>()
            .ReadModel(SubjectQueries.EnsureCreatedAsync)
            .ReadModel(ArchiveSchema.EnsureCreatedAsync)
            .ReadModel(Reports.ReportDirectory.EnsureCreatedAsync);
        builder.Services.AddSingleton<IIntegrationEventMapper, RegistryEventMapper>();
        builder.Services.AddSingleton<ArchiveWriter>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddOptions<ArchiveOptions>().Bind(builder.Configuration.GetSection(ArchiveOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<GapRefiller>();
        builder.AddCreditReports();
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<ProvisionalSubjectConsumer, BatchConsumerDefinition<ProvisionalSubjectConsumer>>();
            bus.AddConsumer<ArchiveConsumer, BatchConsumerDefinition<ArchiveConsumer>>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapRegistryApi(this WebApplication app)
    {
        app.MapSubjectsApi();
        app.MapSubjectSearchApi();
        app.MapHistoryApi();
        app.MapQueryLogApi();
        app.MapReportsApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}
