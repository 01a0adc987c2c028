using System.Globalization;
using CreditMesh.Gateway;
using Npgsql;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>How the rendered objects connect: services to their database and broker, the gateway to the services, and the network paths between them.</summary>
public sealed class KubernetesWiringTests
{
    public static IEnumerable<TestCaseData> OverlaysAndServices() =>
        from overlay in KubernetesManifestTests.Overlays from host in Hosts.Services select new TestCaseData(overlay, host.Name);

    [TestCaseSource(nameof(OverlaysAndServices))]
    public void Each_service_connects_to_its_own_database_as_the_role_that_owns_it(string overlay, string serviceName)
    {
        var manifests = Kustomize.Render(overlay);
        var deployment = manifests.Deployment(serviceName);
        var cluster = manifests.OfKind("Cluster").Single();
        var connection = new NpgsqlConnectionStringBuilder(deployment.EnvironmentValue(manifests, "EventStore__ConnectionString"));
        var secretOf = deployment.Container().MapsAt("env").ToDictionary(e => e.Text("name")!, e => e.Text("valueFrom.secretKeyRef.name"));
        var database = manifests.OfKind("Database").SingleOrDefault(d => d.Body.Text("spec.name") == connection.Database);
        var role = cluster.Body.MapsAt("spec.managed.roles").SingleOrDefault(r => r.Text("name") == database?.Body.Text("spec.owner"));

        Assert.Multiple(() =>
        {
            Assert.That(connection.Host, Is.EqualTo($"{cluster.Name}-rw"), "the primary's read-write Service of the CloudNativePG cluster");
            Assert.That(connection.Port, Is.EqualTo(5432));
            Assert.That(connection.Database, Is.EqualTo(Hosts.Named(serviceName).Database), "the database infra/run.sh and docker-compose use");
            Assert.That(database, Is.Not.Null, $"a CloudNativePG Database named {connection.Database}");
            Assert.That(database?.Body.Text("spec.cluster.name"), Is.EqualTo(cluster.Name));
            Assert.That(role, Is.Not.Null, "the database's owner is a managed role of the cluster");
            Assert.That(connection.Username, Is.EqualTo("$(DB_USERNAME)"));
            Assert.That(connection.Password, Is.EqualTo("$(DB_PASSWORD)"));
            Assert.That(secretOf["DB_USERNAME"], Is.EqualTo(role?.Text("passwordSecret.name")), "user name and password come from the secret the role's password is set from");
            Assert.That(secretOf["DB_PASSWORD"], Is.EqualTo(role?.Text("passwordSecret.name")));
        });
        if (manifests.OfKind("Secret").SingleOrDefault(s => s.Name == secretOf["DB_USERNAME"]) is { } secret)
            Assert.That(Base64(secret.Body.Text("data.username")), Is.EqualTo(role?.Text("name")), "CloudNativePG requires the secret's username to be the role's name");
    }

    [TestCaseSource(nameof(OverlaysAndServices))]
    public void Each_service_reaches_the_broker_with_the_operators_credentials(string overlay, string serviceName)
    {
        var manifests = Kustomize.Render(overlay);
        var deployment = manifests.Deployment(serviceName);
        var rabbit = manifests.OfKind("RabbitmqCluster").Single();
        var secretOf = deployment.Container().MapsAt("env").ToDictionary(e => e.Text("name")!, e => e.Text("valueFrom.secretKeyRef.name"));

        Assert.Multiple(() =>
        {
            Assert.That(deployment.EnvironmentValue(manifests, "RabbitMq__Host"), Is.EqualTo(rabbit.Name), "the operator names the client Service after the cluster");
            Assert.That(deployment.EnvironmentValue(manifests, "RabbitMq__Port"), Is.EqualTo("5672"));
            Assert.That(deployment.EnvironmentValue(manifests, "RabbitMq__VirtualHost"), Is.EqualTo("/"));
            Assert.That(secretOf.GetValueOrDefault("RabbitMq__Username"), Is.EqualTo($"{rabbit.Name}-default-user"));
            Assert.That(secretOf.GetValueOrDefault("RabbitMq__Password"), Is.EqualTo($"{rabbit.Name}-default-user"));
        });
    }

    [TestCaseSource(typeof(KubernetesManifestTests), nameof(KubernetesManifestTests.Overlays))]
    public void The_gateway_addresses_each_service_through_its_kubernetes_service(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var gateway = manifests.Deployment(Hosts.Gateway.Name);
        var addresses = gateway.Environment(manifests).Where(e => e.Name.StartsWith("Services__", StringComparison.Ordinal))
            .ToDictionary(e => e.Name["Services__".Length..], e => new Uri(e.Entry.Text("value")!));

        Assert.That(addresses.Keys, Is.EquivalentTo(ServiceRoutes.PathsByService.Keys), "one address per cluster of the gateway's route table");
        Assert.Multiple(() =>
        {
            foreach (var (serviceKey, address) in addresses)
            {
                var target = manifests.Deployment(serviceKey.ToLowerInvariant());
                var service = manifests.Single("Service", address.Host);
                var port = service.Body.MapsAt("spec.ports").SingleOrDefault(p => p.Text("port") == address.Port.ToString(CultureInfo.InvariantCulture));
                var containerPort = target.Container().MapsAt("ports").Single();
                Assert.That(service.Body.Labels("spec.selector").Selects(target.PodLabels()), Is.True, $"Service/{address.Host} selects the {serviceKey} pods");
                Assert.That(port, Is.Not.Null, $"Service/{address.Host} has port {address.Port}");
                Assert.That(port?.Text("targetPort"), Is.AnyOf(containerPort.Text("name"), containerPort.Text("containerPort")));
            }
        });
    }

    [TestCaseSource(typeof(KubernetesManifestTests), nameof(KubernetesManifestTests.Overlays))]
    public void The_ingress_passes_every_body_the_gateway_accepts_to_the_gateway(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var ingress = manifests.Single("Ingress", Hosts.Gateway.Name);
        var accepted = manifests.Deployment(Hosts.Gateway.Name).EnvironmentValue(manifests, nameof(GatewayOptions.MaxRequestBodyBytes)) is { } configured
            ? long.Parse(configured, CultureInfo.InvariantCulture)
            : new GatewayOptions().MaxRequestBodyBytes;
        var size = ingress.Body.MapAt("metadata.annotations").GetValueOrDefault("nginx.ingress.kubernetes.io/proxy-body-size") as string ?? "1m";
        var bytes = long.Parse(size.TrimEnd('m', 'M'), CultureInfo.InvariantCulture) * 1024 * 1024;

        Assert.Multiple(() =>
        {
            // Larger: an oversized batch gets the gateway's 413 ProblemDetails, not nginx's HTML page.
            Assert.That(bytes, Is.GreaterThan(accepted), $"proxy-body-size {size}");
            Assert.That(ingress.Body.MapsAt("spec.rules").SelectMany(r => r.MapsAt("http.paths")).Select(p => p.Text("backend.service.name")),
                Is.All.EqualTo(Hosts.Gateway.Name), "everything from outside goes through the gateway");
        });
    }

    [TestCaseSource(typeof(KubernetesManifestTests), nameof(KubernetesManifestTests.Overlays))]
    public void Network_policies_allow_only_the_designed_paths(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var policies = new NetworkPolicies(manifests);
        var pods = new StackPods(manifests);

        Assert.Multiple(() =>
        {
            Assert.That(policies.Allows(pods.IngressController, pods.Gateway, 8080), "ingress controller → gateway");
            foreach (var service in pods.Services)
            {
                Assert.That(policies.Allows(pods.Gateway, service, 8080), $"gateway → {service}");
                Assert.That(policies.Allows(service, pods.Postgres, 5432), $"{service} → PostgreSQL");
                Assert.That(policies.Allows(service, pods.RabbitMq, 5672), $"{service} → RabbitMQ");
                Assert.That(policies.Allows(pods.IngressController, service, 8080), Is.False, $"ingress controller → {service} bypassing the gateway");
                foreach (var other in pods.Services.Where(o => o != service))
                    Assert.That(policies.Allows(service, other, 8080), Is.False, $"{service} → {other}: services never call each other (DESIGN §2)");
            }
            Assert.That(policies.Allows(pods.Gateway, pods.Postgres, 5432), Is.False, "gateway → PostgreSQL");
            Assert.That(policies.Allows(pods.Gateway, pods.RabbitMq, 5672), Is.False, "gateway → RabbitMQ");
            Assert.That(policies.Allows(pods.Stranger, pods.Postgres, 5432), Is.False, "another pod of the namespace → PostgreSQL");
            Assert.That(policies.Allows(pods.Stranger, pods.Gateway, 8080), Is.False, "another pod of the namespace → gateway");
            foreach (var pod in pods.Services.Append(pods.Gateway))
                Assert.That(policies.Allows(pod, pods.Dns, 53, "UDP"), $"{pod} → DNS");
        });
    }

    [TestCaseSource(typeof(KubernetesManifestTests), nameof(KubernetesManifestTests.Overlays))]
    public void Only_the_exchange_service_reaches_push_callbacks_outside_the_cluster_over_https(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var policies = new NetworkPolicies(manifests);
        var pods = new StackPods(manifests);
        var exchange = pods.Services.Single(p => p.Description == "exchange");

        Assert.Multiple(() =>
        {
            Assert.That(policies.Allows(exchange, pods.CallbackHost, 443), "exchange → a callback host (HTTPS)");
            Assert.That(policies.Allows(exchange, pods.CallbackHost, 80), Is.False, "exchange → a callback host over plain HTTP");
            Assert.That(policies.Allows(exchange, pods.PrivateHost, 443), Is.False, "exchange → a private address (no SSRF into the cluster)");
            foreach (var other in pods.Services.Append(pods.Gateway).Where(p => p != exchange))
                Assert.That(policies.Allows(other, pods.CallbackHost, 443), Is.False, $"{other} → outside the cluster");
        });
    }

    [TestCaseSource(typeof(KubernetesManifestTests), nameof(KubernetesManifestTests.Overlays))]
    public void Every_network_policy_selects_pods_that_exist(string overlay)
    {
        var manifests = Kustomize.Render(overlay);
        var pods = new StackPods(manifests);

        Assert.Multiple(() =>
        {
            foreach (var policy in new NetworkPolicies(manifests).All)
            {
                Assert.That(policy.Body.TextsAt("spec.policyTypes"), Is.Not.Empty, $"{policy} states its policyTypes");
                var selector = policy.Body.Labels("spec.podSelector.matchLabels");
                Assert.That(pods.Own.Any(p => selector.Selects(p.Labels)), $"{policy} selects no pod of the stack");
            }
        });
    }

    private static string Base64(string? value) => value is null ? "" : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
}
