using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.Repair.Domain.Objections;
using CreditMesh.Repair.Features;
using CreditMesh.Repair.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CreditMesh.Repair;

/// <summary>信用修复与异议: repair cases and objections raised by credit subjects.</summary>
public static class RepairService
{
    public const string Name = "repair";

    public static WebApplicationBuilder AddRepairServices(this WebApplicationBuilder builder)
    {
        builder.AddEventStore()
            .Event<RepairSubmitted>().Event<RepairRejected>().Event<RepairAccepted>().Event<RepairApproved>().Event<RepairDenied>()
            .Event<ObjectionRaised>().Event<ObjectionSettled>()
            .InlineProjection<RepairQueueProjection>()
            .InlineProjection<ObjectionQueueProjection>()
            .ReadModel(RepairQueueProjection.EnsureCreatedAsync)
            .ReadModel(ObjectionQueueProjection.EnsureCreatedAsync)
            .ReadModel(TargetDirectory.EnsureCreatedAsync);
        builder.Services.AddOptions<RepairOptions>().Bind(builder.Configuration.GetSection(RepairOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RepairOptions>, RepairOptionsValidation>();
        builder.Services.AddSingleton(WorkingDayCalendar.LoadEmbedded());
        builder.Services.AddSingleton<CaseStore>();
        builder.Services.AddSingleton<TargetDirectory>();
        builder.Services.AddSingleton<OverdueMetric>();
        builder.Services.AddSingleton<IIntegrationEventMapper, RepairEventMapper>();
        builder.AddMessaging(Name, bus => bus.AddConsumer<Consumers.TargetConsumer, BatchConsumerDefinition<Consumers.TargetConsumer>>());
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapRepairApi(this WebApplication app)
    {
        app.Services.GetRequiredService<OverdueMetric>(); // registers the gauge at start-up
        app.MapRepairApplicationApi();
        app.MapRepairQueueApi();
        app.MapRepairDecisionApi();
        app.MapObjectionsApi();
        app.MapObjectionQueueApi();
        app.MapAccessLogApi(Name);
        return app;
    }
}

/// <summary>Refuses to start with inconsistent repair settings, naming each problem.</summary>
internal sealed class RepairOptionsValidation : IValidateOptions<RepairOptions>
{
    public ValidateOptionsResult Validate(string? name, RepairOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
