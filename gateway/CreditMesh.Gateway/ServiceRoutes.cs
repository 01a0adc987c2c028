using Yarp.ReverseProxy.Configuration;

namespace CreditMesh.Gateway;

/// <summary>
/// Which service answers which part of the public API (DESIGN §5). Service addresses come from the
/// "Services" configuration section (Services:Registry = http://…); the route table is code so that
/// it is reviewed with the services it points at.
/// </summary>
public static class ServiceRoutes
{
    public static readonly IReadOnlyDictionary<string, string[]> PathsByService = new Dictionary<string, string[]>
    {
        ["Registry"] = ["/api/v1/subjects/{**rest}"],
        ["Ingestion"] = ["/api/v1/records/{**rest}", "/api/v1/disclosures/{**rest}", "/api/v1/quality/{**rest}", "/api/v1/catalog/{**rest}"],
        ["Lists"] = ["/api/v1/list-entries/{**rest}"],
        ["Matching"] = ["/api/v1/measures/{**rest}", "/api/v1/match/{**rest}"],
        ["Repair"] = ["/api/v1/repairs/{**rest}", "/api/v1/objections/{**rest}"],
    };

    public static IReadOnlyList<RouteConfig> Routes() =>
        PathsByService.SelectMany(service => service.Value.Select((path, i) => new RouteConfig
        {
            RouteId = $"{service.Key.ToLowerInvariant()}-{i}",
            ClusterId = service.Key,
            Match = new RouteMatch { Path = path },
        })).ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
        PathsByService.Keys.Select(service => new ClusterConfig
        {
            ClusterId = service,
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = options.ServiceTimeout },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["primary"] = new() { Address = options.AddressOf(service) },
            },
        }).ToList();
}
