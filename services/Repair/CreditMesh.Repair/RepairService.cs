using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Repair;

/// <summary>信用修复与异议: repair cases and objections raised by credit subjects.</summary>
public static class RepairService
{
    public const string Name = "repair";

    public static WebApplicationBuilder AddRepairServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration);
        builder.AddMessaging(Name);
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapRepairApi(this WebApplication app)
    {
        app.MapAccessLogApi(Name);
        return app;
    }
}
