using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Matching;

/// <summary>联合奖惩比对: which punishment or incentive measures apply to a subject for a matter.</summary>
public static class MatchingService
{
    public const string Name = "matching";

    public static WebApplicationBuilder AddMatchingServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration);
        builder.AddMessaging(Name);
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapAccessLogApi(Name);
        return app;
    }
}
