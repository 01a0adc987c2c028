using System.Text.Json;
using System.Text.RegularExpressions;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>What distinguishes the dev and prod overlays, and that the file fallback renders what kubectl renders.</summary>
public sealed partial class OverlayTests
{
    private const string Dev = "k8s/overlays/dev";
    private const string Prod = "k8s/overlays/prod";

    private static readonly string QuorumQueues = $"{RabbitMqOptions.Section}__{nameof(RabbitMqOptions.UseQuorumQueues)}";

    [Test]
    public void Development_runs_one_replica_of_each_host_with_the_development_token_settings()
    {
        var manifests = Kustomize.Render(Dev);

        Assert.Multiple(() =>
        {
            foreach (var host in Hosts.All)
            {
                var deployment = manifests.Deployment(host.Name);
                Assert.That(ReplicaRange(manifests, deployment), Is.EqualTo((1, 1)), $"{host} replicas");
                Assert.That(deployment.EnvironmentValue(manifests, "ASPNETCORE_ENVIRONMENT"), Is.EqualTo("Development"), $"{host}");
            }
            // infra/token.sh and the tests sign with AuthOptions' development defaults.
            var auth = manifests.Single("Secret", "creditmesh-auth");
            var defaults = new AuthOptions();
            Assert.That(Decode(auth, "issuer"), Is.EqualTo(defaults.Issuer));
            Assert.That(Decode(auth, "audience"), Is.EqualTo(defaults.Audience));
            Assert.That(Decode(auth, "signing-key"), Is.EqualTo(AuthOptions.DevelopmentSigningKey));
            Assert.That(manifests.Deployment("registry").EnvironmentValue(manifests, QuorumQueues), Is.EqualTo("false"), "a single dev node: classic queues");
        });
    }

    [Test]
    public void Production_replicates_every_host_and_both_clusters()
    {
        var manifests = Kustomize.Render(Prod);

        Assert.Multiple(() =>
        {
            foreach (var host in Hosts.All)
                Assert.That(ReplicaRange(manifests, manifests.Deployment(host.Name)).Min, Is.GreaterThanOrEqualTo(2), $"{host} survives the loss of a pod");
            Assert.That(manifests.OfKind("Cluster").Single().Body.Text("spec.instances"), Is.EqualTo("3"));
            Assert.That(manifests.OfKind("RabbitmqCluster").Single().Body.Text("spec.replicas"), Is.EqualTo("3"), "quorum queues keep a majority of 3 when one node is lost");
            Assert.That(manifests.OfKind("HorizontalPodAutoscaler").Select(h => h.Name), Is.EquivalentTo(new[] { "gateway", "matching" }));
        });
    }

    [Test]
    public void Production_runs_outside_Development_with_token_settings_from_a_secret_and_quorum_queues()
    {
        var manifests = Kustomize.Render(Prod);

        Assert.Multiple(() =>
        {
            foreach (var host in Hosts.All)
            {
                var deployment = manifests.Deployment(host.Name);
                // Outside Development the published HS256 key is refused (AuthOptions.Validate), so it cannot slip in.
                Assert.That(deployment.EnvironmentValue(manifests, "ASPNETCORE_ENVIRONMENT"), Is.EqualTo("Production"), $"{host}");
                foreach (var setting in new[] { "Issuer", "Audience", "SigningKey" })
                {
                    var entry = deployment.Environment(manifests).Where(e => e.Name == $"{AuthOptions.Section}__{setting}").Select(e => e.Entry).SingleOrDefault();
                    Assert.That(entry?.Text("valueFrom.secretKeyRef.name"), Is.EqualTo("creditmesh-auth"), $"{host} Auth:{setting} from the secret");
                }
                if (!host.IsGateway)
                    Assert.That(deployment.EnvironmentValue(manifests, QuorumQueues), Is.EqualTo("true"), $"{host} declares quorum queues");
            }
            Assert.That(manifests.OfKind("Secret"), Is.Empty, "production secrets are created outside git (docs/operations.md)");
        });
    }

    [TestCase(Dev)]
    [TestCase(Prod)]
    public void The_file_fallback_renders_what_kubectl_renders(string overlay)
    {
        var kubectl = Kustomize.KubectlPath;
        if (kubectl is null) Assert.Ignore("kubectl is not installed: the other tests use the file fallback, which nothing can compare here");
        var fallback = FileKustomize.Render(overlay);
        var generated = fallback.Where(m => m.Kind is "ConfigMap").Select(m => m.Name).ToHashSet();

        var expected = Kustomize.WithKubectl(kubectl!, overlay).ToDictionary(m => $"{m.Kind}/{Unhashed(m.Name, generated)}", m => Canonical(Decoded(m), generated));
        var actual = fallback.ToDictionary(m => m.ToString(), m => Canonical(Decoded(m), generated));

        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (key, text) in actual) Assert.That(text, Is.EqualTo(expected[key]), key);
        });
    }

    /// <summary>The deployments' replica count, or the autoscaler's range when one owns it.</summary>
    private static (int Min, int Max) ReplicaRange(IReadOnlyList<Manifest> manifests, Manifest deployment)
    {
        if (manifests.OfKind("HorizontalPodAutoscaler").SingleOrDefault(h => h.Body.Text("spec.scaleTargetRef.name") == deployment.Name) is { } hpa)
            return (int.Parse(hpa.Body.Text("spec.minReplicas") ?? "1"), int.Parse(hpa.Body.Text("spec.maxReplicas")!));
        var replicas = int.Parse(deployment.Body.Text("spec.replicas") ?? "1");
        return (replicas, replicas);
    }

    private static string Decode(Manifest secret, string key) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret.Body.Text($"data.{key}") ?? ""));

    /// <summary>A secret with its data decoded: kubectl folds long base64 values over lines.</summary>
    private static Dictionary<object, object?> Decoded(Manifest manifest)
    {
        if (manifest.Kind != "Secret") return manifest.Body;
        var copy = new Dictionary<object, object?>(manifest.Body)
        {
            ["data"] = manifest.Body.MapAt("data").ToDictionary(e => e.Key, e => (object?)System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)e.Value!))),
        };
        return copy;
    }

    /// <summary>Sorted-key JSON with kustomize's hash suffixes of generated ConfigMap names removed.</summary>
    private static string Canonical(object? node, IReadOnlySet<string> generated) => node switch
    {
        Dictionary<object, object?> map => "{" + string.Join(",", map.OrderBy(e => (string)e.Key, StringComparer.Ordinal)
            .Select(e => JsonSerializer.Serialize((string)e.Key) + ":" + Canonical(e.Value, generated))) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(i => Canonical(i, generated))) + "]",
        string text => JsonSerializer.Serialize(Unhashed(text, generated)),
        _ => JsonSerializer.Serialize(node),
    };

    private static string Unhashed(string name, IReadOnlySet<string> generated) =>
        HashSuffix().Match(name) is { Success: true } m && generated.Contains(m.Groups[1].Value) ? m.Groups[1].Value : name;

    [GeneratedRegex("^(.+)-[a-z0-9]{10}$")]
    private static partial Regex HashSuffix();
}
