using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Registry;

/// <summary>主体登记与信用档案: credit subjects, legacy-code mapping and each subject's credit archive.</summary>
public static class RegistryService
{
    public const string Name = "registry";

    public static WebApplicationBuilder AddRegistryServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration);
        builder.AddMessaging(Name);
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapRegistryApi(this WebApplication app)
    {
        app.MapAccessLogApi(Name);
        return app;
    }
}
