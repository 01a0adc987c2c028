using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Lists;

/// <summary>名单认定: black, key-attention and red list entries determined from credit records.</summary>
public static class ListsService
{
    public const string Name = "lists";

    public static WebApplicationBuilder AddListsServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventStore(builder.Configuration);
        builder.AddMessaging(Name);
        builder.AddAccessLog();
        return builder;
    }

    public static WebApplication MapListsApi(this WebApplication app)
    {
        app.MapAccessLogApi(Name);
        return app;
    }
}
