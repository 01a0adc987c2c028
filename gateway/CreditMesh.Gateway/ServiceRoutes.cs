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
        // Credit reports are built from the registry's archive (DESIGN §2); anyone verifies one.
        ["Registry"] = ["/api/v1/subjects/{**rest}", "/api/v1/subjects", "/api/v1/access-log/registry", "/api/v1/reports/{**rest}",
            "/api/v1/reports/verification"],
        ["Ingestion"] = ["/api/v1/records/{**rest}", "/api/v1/disclosures/{**rest}", "/api/v1/quality/{**rest}", "/api/v1/catalog/{**rest}", "/api/v1/access-log/ingestion"],
        // A subject's notices (告知书) are the lists service's: this literal path outranks the registry's /subjects/{**rest}.
        ["Lists"] = ["/api/v1/list-entries/{**rest}", "/api/v1/access-log/lists", "/api/v1/subjects/{code}/notices"],
        ["Matching"] = ["/api/v1/measures/{**rest}", "/api/v1/match/{**rest}", "/api/v1/access-log/matching"],
        ["Repair"] = ["/api/v1/repairs/{**rest}", "/api/v1/objections/{**rest}", "/api/v1/access-log/repair"],
        ["Evaluation"] = ["/api/v1/evaluations/{**rest}", "/api/v1/evaluations/{code}/grade", "/api/v1/supervision/{**rest}", "/api/v1/access-log/evaluation"],
        ["Exchange"] = ["/api/v1/exchange/{**rest}", "/api/v1/subscriptions/{**rest}", "/api/v1/access-log/exchange"],
    };

    /// <summary>
    /// The public reaches disclosures, the name search, an organisation's grade and report verification without a token
    /// (DESIGN §1, ADR 0010, ADR 0017), by GET only; every other route and method needs a valid one here and again in the service.
    /// </summary>
    public static readonly IReadOnlySet<string> AnonymousPaths = new HashSet<string>
    {
        "/api/v1/disclosures/{**rest}", "/api/v1/subjects", "/api/v1/evaluations/{code}/grade", "/api/v1/reports/verification",
    };

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
