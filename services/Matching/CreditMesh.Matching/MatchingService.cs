using CreditMesh.EventSourcing;
using CreditMesh.Messaging;

namespace CreditMesh.Matching;

/// <summary>联合奖惩比对: which punishment or incentive measures apply to a subject for a matter.</summary>
public static class MatchingService
{
    public const string Name = "matching";

    public static WebApplicationBuilder AddMatchingServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration);
        builder.AddMessaging(Name);
        return builder;
    }
}
