using CreditMesh.Gateway;

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
    [TestCase("/api/v1/exchange", "Exchange")]
    [TestCase("/api/v1/subscriptions", "Exchange")]
    public void Each_api_area_is_routed_to_exactly_one_service(string prefix, string service)
    {
        var owners = ServiceRoutes.Routes().Where(r => r.Match.Path!.StartsWith(prefix + "/", StringComparison.Ordinal)).Select(r => r.ClusterId).Distinct();
        Assert.That(owners, Is.EqualTo(new[] { service }));
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
