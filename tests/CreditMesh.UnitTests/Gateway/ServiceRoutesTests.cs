using CreditMesh.Gateway;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace CreditMesh.UnitTests.Gateway;

public sealed class ServiceRoutesTests
{
    // Every path family of the API contract (DESIGN §5) and the service that owns it.
    [TestCase("/api/v1/subjects", "Registry")]
    [TestCase("/api/v1/records", "Ingestion")]
    [TestCase("/api/v1/disclosures", "Ingestion")]
    [TestCase("/api/v1/quality", "Ingestion")]
    [TestCase("/api/v1/catalog", "Ingestion")]
    [TestCase("/api/v1/list-entries", "Lists")]
    [TestCase("/api/v1/measures", "Matching")]
    [TestCase("/api/v1/match", "Matching")]
    [TestCase("/api/v1/repairs", "Repair")]
    [TestCase("/api/v1/objections", "Repair")]
    [TestCase("/api/v1/evaluations", "Evaluation")]
    [TestCase("/api/v1/supervision", "Evaluation")]
    [TestCase("/api/v1/reports", "Registry")]
    [TestCase("/api/v1/exchange", "Exchange")]
    [TestCase("/api/v1/subscriptions", "Exchange")]
    public void Each_api_area_is_routed_to_exactly_one_service(string prefix, string service)
    {
        var owners = ServiceRoutes.Routes().Where(r => r.Match.Path == prefix + "/{**rest}").Select(r => r.ClusterId).Distinct();
        Assert.That(owners, Is.EqualTo(new[] { service }));
    }

    // A path goes where ASP.NET Core routing (which YARP uses) sends it: the matching route of highest precedence.
    [TestCase("/api/v1/subjects/9144030071526726XG/notices", "Lists")]
    [TestCase("/api/v1/subjects/9144030071526726XG/queries", "Registry")]
    [TestCase("/api/v1/subjects/9144030071526726XG/history", "Registry")]
    [TestCase("/api/v1/subjects/9144030071526726XG", "Registry")]
    [TestCase("/api/v1/reports/verification", "Registry")]
    [TestCase("/api/v1/reports/0190f3a1b2c3/pdf", "Registry")]
    public void A_subjects_notices_go_to_lists_and_the_rest_of_its_paths_stay_with_the_registry(string path, string service)
    {
        var winner = ServiceRoutes.Routes()
            .Select(r => (Route: r, Template: TemplateParser.Parse(r.Match.Path!)))
            .Where(r => new TemplateMatcher(r.Template, new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .MinBy(r => RoutePrecedence.ComputeInbound(r.Template));
        Assert.That(winner.Route?.ClusterId, Is.EqualTo(service));
    }

    [Test]
    public void Report_verification_is_public_and_read_only_while_the_rest_of_reports_needs_a_token()
    {
        var routes = ServiceRoutes.Routes().Where(r => r.Match.Path!.StartsWith("/api/v1/reports", StringComparison.Ordinal)).ToList();
        var verification = routes.Single(r => r.Match.Path == "/api/v1/reports/verification");
        Assert.That((verification.AuthorizationPolicy, verification.Match.Methods), Is.EqualTo(("anonymous", new[] { "GET", "HEAD" })));
        Assert.That(routes.Single(r => r.Match.Path == "/api/v1/reports/{**rest}").AuthorizationPolicy, Is.EqualTo(ServiceRoutes.AuthenticatedPolicy));
    }

    [Test]
    public void Every_route_points_at_a_configured_cluster()
    {
        var options = new GatewayOptions { Services = ServiceRoutes.PathsByService.Keys.ToDictionary(k => k, k => $"http://127.0.0.1/{k}") };
        var clusters = ServiceRoutes.Clusters(options).Select(c => c.ClusterId).ToHashSet();
        Assert.That(ServiceRoutes.Routes().Select(r => r.ClusterId), Is.All.AnyOf(clusters.Cast<object>().ToArray()));
    }

    [Test]
    public void A_missing_service_address_is_reported_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceRoutes.Clusters(new GatewayOptions()));
        Assert.That(error!.Message, Does.Contain("Services:Registry"));
    }
}
