using System.Globalization;
using CreditMesh.Gateway;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>infra/docker-compose.yml against the hosts' code, as for the k8s manifests.</summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<object, object?> Compose = Yaml.Document(Repository.Read("infra/docker-compose.yml"));

    private static Dictionary<object, object?> ServiceOf(string host) =>
        Compose.At($"services.{host}") as Dictionary<object, object?> ?? throw new AssertionException($"docker-compose has no service {host}");

    private static Dictionary<string, string> EnvironmentOf(string host) =>
        ServiceOf(host).MapAt("environment").ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

    [TestCaseSource(typeof(Hosts), nameof(Hosts.Names))]
    public void Each_host_is_published_on_its_development_port_from_the_port_it_listens_on(string hostName)
    {
        var host = Hosts.Named(hostName);
        var listening = new Uri(EnvironmentOf(hostName)["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;

        Assert.That(ServiceOf(hostName).TextsAt("ports"), Is.EqualTo(new[] { $"127.0.0.1:{host.DevelopmentPort}:{listening}" }),
            "the same host port as infra/run.sh, mapped to where Kestrel listens in the container");
    }

    [TestCaseSource(typeof(Hosts), nameof(Hosts.Names))]
    public void Every_environment_variable_sets_a_configuration_key_the_host_reads(string hostName)
    {
        var keys = new ConfigurationKeys(Hosts.Named(hostName));

        Assert.That(EnvironmentOf(hostName).Keys.Where(name => !keys.Reads(name)), Is.Empty,
            $"{hostName} reads none of these; it reads: {string.Join(", ", keys.Known)}");
    }

    [TestCaseSource(typeof(Hosts), nameof(Hosts.Names))]
    public void The_healthcheck_asks_the_readiness_endpoint_the_host_maps(string hostName)
    {
        var command = ServiceOf(hostName).TextsAt("healthcheck.test").Last();
        var url = new Uri(command);

        Assert.Multiple(() =>
        {
            Assert.That(url.AbsolutePath, Is.EqualTo("/health/ready"));
            Assert.That(KubernetesManifestTests.MappedHealthPaths(Hosts.Named(hostName)), Does.Contain(url.AbsolutePath));
            Assert.That(url.Port.ToString(CultureInfo.InvariantCulture), Is.EqualTo(EnvironmentOf(hostName)["ASPNETCORE_URLS"].Split(':').Last()));
        });
    }

    [Test]
    public void Each_service_uses_the_database_infra_run_sh_creates()
    {
        Assert.Multiple(() =>
        {
            foreach (var host in Hosts.Services)
                Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(EnvironmentOf(host.Name)["EventStore__ConnectionString"]).Database, Is.EqualTo(host.Database), $"{host}");
        });
    }

    [Test]
    public void The_gateway_addresses_each_service_by_its_compose_name_and_container_port()
    {
        var addresses = EnvironmentOf(Hosts.Gateway.Name).Where(e => e.Key.StartsWith("Services__", StringComparison.Ordinal))
            .ToDictionary(e => e.Key["Services__".Length..], e => new Uri(e.Value));

        Assert.That(addresses.Keys, Is.EquivalentTo(ServiceRoutes.PathsByService.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (service, address) in addresses)
            {
                Assert.That(address.Host, Is.EqualTo(service.ToLowerInvariant()), "the compose service of the same name");
                var listening = new Uri(EnvironmentOf(address.Host)["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
                Assert.That(address.Port, Is.EqualTo(listening), $"{service} listens on {listening} in its container");
            }
        });
    }
}
