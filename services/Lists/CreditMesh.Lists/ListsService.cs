using MassTransit;
using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Features;
using CreditMesh.Lists.Projections;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;
using Microsoft.Extensions.Options;

namespace CreditMesh.Lists;

/// <summary>名单认定: black, key-attention and red list entries determined from credit records.</summary>
public static class ListsService
{
    public const string Name = "lists";

    public static WebApplicationBuilder AddListsServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore()
            .Event<EntryProposed>().Event<EntryActivated>().Event<EntryRemoved>().Event<EntrySuspended>().Event<EntryRestored>()
            .InlineProjection<ListEntryProjection>()
            .ReadModel(ListEntryQueries.EnsureCreatedAsync)
            .ListingNotices();
        builder.Services.AddOptions<ListsOptions>().Bind(builder.Configuration.GetSection(ListsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(WorkingDayCalendar.LoadEmbedded());
        builder.Services.AddSingleton(sp => DeterminationRules.From(sp.GetRequiredService<IOptions<ListsOptions>>().Value));
        builder.Services.AddSingleton<SubjectDecider>();
        builder.Services.AddSingleton<SubjectLists>();
        builder.Services.AddSingleton<IIntegrationEventMapper, ListsEventMapper>();
        builder.Services.AddSingleton<ListEntryMaintenance>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ListEntryMaintenance>());
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<Consumers.RecordConsumer, BatchConsumerDefinition<Consumers.RecordConsumer>>();
            bus.AddConsumer<Consumers.CaseConsumer>();
        });
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapListsApi(this WebApplication app)
    {
        app.MapListEntriesApi();
        app.MapListProposalsApi();
        app.MapNoticesApi();
        app.MapNationalImportApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}
