namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// The pods a rendered overlay leads to: the Deployments' pod templates, and the pods the operators
/// create, with the labels they give them (CloudNativePG: cnpg.io/cluster; the RabbitMQ cluster
/// operator: app.kubernetes.io/name = the cluster's name), plus pods of other namespaces.
/// </summary>
public sealed class StackPods
{
    public StackPods(IReadOnlyList<Manifest> manifests)
    {
        var ns = manifests.Deployment(Hosts.Gateway.Name).Body.Text("metadata.namespace") ?? "default";
        Gateway = Of(manifests.Deployment(Hosts.Gateway.Name), ns);
        Services = Hosts.Services.Select(h => Of(manifests.Deployment(h.Name), ns)).ToList();
        Postgres = new Pod("PostgreSQL instance", ns, new Dictionary<string, string> { ["cnpg.io/cluster"] = manifests.OfKind("Cluster").Single().Name, ["cnpg.io/podRole"] = "instance" });
        RabbitMq = new Pod("RabbitMQ node", ns, new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = manifests.OfKind("RabbitmqCluster").Single().Name,
            ["app.kubernetes.io/component"] = "rabbitmq",
            ["app.kubernetes.io/part-of"] = "rabbitmq",
        });
        Stranger = new Pod("another pod of the namespace", ns, new Dictionary<string, string> { ["app"] = "debug" });
    }

    public Pod Gateway { get; }
    public IReadOnlyList<Pod> Services { get; }
    public Pod Postgres { get; }
    public Pod RabbitMq { get; }
    public Pod Stranger { get; }
    public Pod IngressController { get; } = new("ingress controller", "ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });
    public Pod Dns { get; } = new("cluster DNS", "kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

    /// <summary>A subscriber's callback host on the internet, and an address inside the cluster's private range.</summary>
    public Pod CallbackHost { get; } = new("a subscriber's callback host", "", new Dictionary<string, string>(), "203.0.113.10");
    public Pod PrivateHost { get; } = new("a private address (10.0.0.0/8)", "", new Dictionary<string, string>(), "10.1.2.3");

    /// <summary>The pods of the stack's own namespace.</summary>
    public IEnumerable<Pod> Own => Services.Append(Gateway).Append(Postgres).Append(RabbitMq);

    private static Pod Of(Manifest deployment, string ns) => new(deployment.Name, ns, deployment.PodLabels());
}
