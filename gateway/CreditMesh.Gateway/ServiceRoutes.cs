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
        ["Registry"] = ["/api/v1/subjects/{**rest}", "/api/v1/subjects", "/api/v1/access-log/registry"],
        ["Ingestion"] = ["/api/v1/records/{**rest}", "/api/v1/disclosures/{**rest}", "/api/v1/quality/{**rest}", "/api/v1/catalog/{**rest}", "/api/v1/access-log/ingestion"],
        ["Lists"] = ["/api/v1/list-entries/{**rest}", "/api/v1/access-log/lists"],
        ["Matching"] = ["/api/v1/measures/{**rest}", "/api/v1/match/{**rest}", "/api/v1/access-log/matching"],
        ["Repair"] = ["/api/v1/repairs/{**rest}", "/api/v1/objections/{**rest}", "/api/v1/access-log/repair"],
        ["Exchange"] = ["/api/v1/exchange/{**rest}", "/api/v1/subscriptions/{**rest}", "/api/v1/access-log/exchange"],
    };

    /// <summary>
    /// The public reaches disclosures and the name search without a token (DESIGN §1, ADR 0010), by GET only;
    /// every other route and method needs a valid one here and again in the service.
    /// </summary>
    public static readonly IReadOnlySet<string> AnonymousPaths = new HashSet<string> { "/api/v1/disclosures/{**rest}", "/api/v1/subjects" };

    public const string AuthenticatedPolicy = "authenticated";

    public static IReadOnlyList<RouteConfig> Routes() =>
        PathsByService.SelectMany(service => service.Value.Select((path, i) => new RouteConfig
        {
            RouteId = $"{service.Key.ToLowerInvariant()}-{i}",
            ClusterId = service.Key,
            // An anonymous path takes reads only: a POST to it falls through to the authenticated catch-all route.
            Match = new RouteMatch { Path = path, Methods = AnonymousPaths.Contains(path) ? ["GET", "HEAD"] : null },
            AuthorizationPolicy = AnonymousPaths.Contains(path) ? "anonymous" : AuthenticatedPolicy,
            RateLimiterPolicy = AnonymousPaths.Contains(path) ? GatewayRateLimits.PublicPolicyName : GatewayRateLimits.PolicyName,
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
