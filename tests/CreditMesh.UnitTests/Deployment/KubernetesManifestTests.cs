using System.Text.RegularExpressions;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// k8s/overlays/{dev,prod}, rendered as `kubectl kustomize` renders them, checked against the hosts'
/// code: the port they listen on, the health endpoints they map, the configuration keys they read.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    public static readonly string[] Overlays = ["k8s/overlays/dev", "k8s/overlays/prod"];

    public static IEnumerable<TestCaseData> OverlaysAndHosts() =>
        from overlay in Overlays from host in Hosts.Names() select new TestCaseData(overlay, host);

    [TestCaseSource(nameof(Overlays))]
    public void Each_overlay_renders_a_deployment_and_a_service_for_every_host(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        TestContext.Out.WriteLine($"{overlay}: {manifests.Count} objects, rendered with {Kustomize.KubectlPath ?? "the file fallback (no kubectl)"}");

        Assert.Multiple(() =>
        {
            foreach (var host in Hosts.All)
            {
                Assert.That(manifests.Any(m => m.Kind == "Deployment" && m.Name == host.Name), $"Deployment/{host}");
                Assert.That(manifests.Any(m => m.Kind == "Service" && m.Name == host.Name), $"Service/{host}");
                Assert.That(manifests.Any(m => m.Kind == "PodDisruptionBudget" && m.Name == host.Name), $"PodDisruptionBudget/{host}");
            }
        });
    }

    [TestCaseSource(nameof(OverlaysAndHosts))]
    public void The_container_port_and_service_target_are_the_port_the_host_listens_on(string overlay, string hostName)
    {
        var manifests = Kustomize.Render(overlay);
        var deployment = manifests.Deployment(hostName);

        var urls = deployment.EnvironmentValue(manifests, "ASPNETCORE_URLS");
        Assert.That(urls, Is.Not.Null, "ASPNETCORE_URLS decides where Kestrel listens; appsettings.json says loopback only");
        var listening = new Uri(urls!.Replace("+", "localhost", StringComparison.Ordinal)).Port;
        var containerPorts = deployment.Container().MapsAt("ports").ToList();
        var service = manifests.Single("Service", hostName);
        var target = service.Body.MapsAt("spec.ports").Single().Text("targetPort")!;

        Assert.Multiple(() =>
        {
            Assert.That(containerPorts.Select(p => p.Text("containerPort")), Is.EqualTo(new[] { listening.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            Assert.That(containerPorts.Single().Text("name") == target || containerPorts.Single().Text("containerPort") == target,
                $"Service/{hostName} targets '{target}', which is not the container's port");
            Assert.That(service.Body.Labels("spec.selector").Selects(deployment.PodLabels()), Is.True, $"Service/{hostName} selects the pods of Deployment/{hostName}");
        });
    }

    [TestCaseSource(nameof(OverlaysAndHosts))]
    public void Probes_ask_health_endpoints_the_host_maps(string overlay, string hostName)
    {
        var host = Hosts.Named(hostName);
        var mapped = MappedHealthPaths(host);
        var container = Kustomize.Render(overlay).Deployment(hostName).Container();

        Assert.Multiple(() =>
        {
            // Liveness must not depend on PostgreSQL or RabbitMQ: an outage of either must not restart every pod.
            Assert.That(container.Text("livenessProbe.httpGet.path"), Is.EqualTo("/health/live"));
            Assert.That(container.Text("startupProbe.httpGet.path"), Is.EqualTo("/health/live"));
            // Services take traffic only when their database answers and their projections have caught up. The
            // gateway's /health/ready is the whole system's, so its pods use /health/live (docs/operations.md).
            Assert.That(container.Text("readinessProbe.httpGet.path"), Is.EqualTo(host.IsGateway ? "/health/live" : "/health/ready"));
            foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                Assert.That(mapped, Does.Contain(container.Text($"{probe}.httpGet.path")), $"{probe} of {hostName} asks a path the host maps");
            Assert.That(mapped, Is.SupersetOf(new[] { "/health/live", "/health/ready" }));
        });
    }

    [TestCaseSource(nameof(OverlaysAndHosts))]
    public void The_startup_probe_outwaits_the_event_stores_wait_for_its_database(string overlay, string hostName)
    {
        var probe = Kustomize.Render(overlay).Deployment(hostName).Container().MapAt("startupProbe");
        var patience = TimeSpan.FromSeconds(int.Parse(probe.Text("periodSeconds")!) * int.Parse(probe.Text("failureThreshold")!));

        // Kestrel answers only after the event store's initializer has reached PostgreSQL; a pod restarted
        // before it gives up would never get there while the database is slow to come up.
        Assert.That(patience, Is.GreaterThan(Hosts.Named(hostName).IsGateway ? TimeSpan.Zero : new CreditMesh.EventSourcing.EventStoreOptions().StartupTimeout));
    }

    [TestCaseSource(nameof(OverlaysAndHosts))]
    public void Every_environment_variable_sets_a_configuration_key_the_host_reads(string overlay, string hostName)
    {
        var manifests = Kustomize.Render(overlay);
        var keys = new ConfigurationKeys(Hosts.Named(hostName));
        var environment = manifests.Deployment(hostName).Environment(manifests).ToList();

        var unread = environment.Where(e => !keys.Reads(e.Name) && !ComposesAnother(e.Name, environment)).Select(e => e.Name).ToList();

        Assert.That(unread, Is.Empty, $"{hostName} reads none of these; it reads: {string.Join(", ", keys.Known)}");
    }

    [TestCaseSource(nameof(OverlaysAndHosts))]
    public void Every_host_has_requests_and_a_memory_limit(string overlay, string hostName)
    {
        var resources = Kustomize.Render(overlay).Deployment(hostName).Container().MapAt("resources");

        Assert.Multiple(() =>
        {
            Assert.That(resources.Text("requests.cpu"), Is.Not.Null, "the autoscalers measure CPU against the request");
            Assert.That(resources.Text("requests.memory"), Is.Not.Null);
            Assert.That(resources.Text("limits.memory"), Is.Not.Null);
        });
    }

    /// <summary>A helper variable that only exists to be expanded, as $(NAME), into a later variable of the same container.</summary>
    private static bool ComposesAnother(string name, List<(string Name, Dictionary<object, object?> Entry)> environment)
    {
        var index = environment.FindIndex(e => e.Name == name);
        return environment.Skip(index + 1).Any(e => e.Entry.Text("value")?.Contains($"$({name})", StringComparison.Ordinal) == true);
    }

    public static IReadOnlySet<string> MappedHealthPaths(Host host) =>
        host.SourceFiles().SelectMany(f => HealthRoute().Matches(File.ReadAllText(f))).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"Map(?:HealthChecks|Get)\(""(/health/[^""]+)""")]
    private static partial Regex HealthRoute();
}
