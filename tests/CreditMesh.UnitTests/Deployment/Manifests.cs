using System.Diagnostics;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>One Kubernetes object of a rendered overlay.</summary>
public sealed record Manifest(Dictionary<object, object?> Body)
{
    public string Kind => Body.Text("kind") ?? "";
    public string Name => Body.Text("metadata.name") ?? "";
    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>
/// Renders a kustomize overlay with `kubectl kustomize` when kubectl is installed, else with
/// <see cref="FileKustomize"/>, which reads the base and overlay files itself (the subset of
/// kustomize this repository's k8s/ uses; anything else makes it fail by name, never guess).
/// CM_KUSTOMIZE=files forces the fallback where kubectl exists.
/// </summary>
public static class Kustomize
{
    private static readonly Dictionary<string, IReadOnlyList<Manifest>> Rendered = [];

    public static string? KubectlPath =>
        Environment.GetEnvironmentVariable("CM_KUSTOMIZE") == "files" ? null
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists);

    public static IReadOnlyList<Manifest> Render(string overlay)
    {
        lock (Rendered)
        {
            if (!Rendered.TryGetValue(overlay, out var manifests))
                Rendered[overlay] = manifests = KubectlPath is { } kubectl ? WithKubectl(kubectl, overlay) : FileKustomize.Render(overlay);
            return manifests;
        }
    }

    public static IReadOnlyList<Manifest> WithKubectl(string kubectl, string overlay)
    {
        var start = new ProcessStartInfo(kubectl, ["kustomize", Repository.PathOf(overlay)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"kubectl kustomize {overlay} did not finish within 60 s");
        }
        Assert.That(process.ExitCode, Is.Zero, $"kubectl kustomize {overlay} failed:\n{errors.Result}");
        return Yaml.Documents(output.Result).Select(d => new Manifest(d)).ToList();
    }
}

/// <summary>What the tests look at in a rendered overlay.</summary>
public static class ManifestQueries
{
    public static IEnumerable<Manifest> OfKind(this IEnumerable<Manifest> manifests, string kind) => manifests.Where(m => m.Kind == kind);

    public static Manifest Single(this IEnumerable<Manifest> manifests, string kind, string name) =>
        manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name)
        ?? throw new AssertionException($"{kind}/{name} is missing from the rendered manifests");

    public static Manifest Deployment(this IEnumerable<Manifest> manifests, string name) => manifests.Single("Deployment", name);

    public static Dictionary<object, object?> Container(this Manifest deployment) =>
        deployment.Body.MapsAt("spec.template.spec.containers").Single();

    public static Dictionary<string, string> PodLabels(this Manifest deployment) => deployment.Body.Labels("spec.template.metadata.labels");

    /// <summary>Every environment variable of the container: its own env, then the keys of the ConfigMaps it takes whole.</summary>
    public static IEnumerable<(string Name, Dictionary<object, object?> Entry)> Environment(this Manifest deployment, IReadOnlyList<Manifest> all)
    {
        var container = deployment.Container();
        foreach (var source in container.MapsAt("envFrom"))
        {
            Assert.That(source.At("secretRef"), Is.Null, $"{deployment}: take secrets key by key (secretKeyRef), so their names are checked");
            var configMap = all.Single("ConfigMap", source.Text("configMapRef.name")!);
            foreach (var key in configMap.Body.MapAt("data"))
                yield return ((string)key.Key, new Dictionary<object, object?> { ["name"] = key.Key, ["value"] = key.Value });
        }
        foreach (var entry in container.MapsAt("env")) yield return (entry.Text("name")!, entry);
    }

    /// <summary>The literal value of an environment variable (env or ConfigMap), null when it comes from a secret or is absent.</summary>
    public static string? EnvironmentValue(this Manifest deployment, IReadOnlyList<Manifest> all, string name) =>
        deployment.Environment(all).Where(e => e.Name == name).Select(e => e.Entry.Text("value")).LastOrDefault();

    public static bool Selects(this IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
