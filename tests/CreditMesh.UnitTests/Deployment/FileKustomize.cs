using System.Text;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// The subset of kustomize that k8s/ uses, for machines without kubectl: resources (files and
/// directories), namespace, images, replicas, configMapGenerator and secretGenerator (literals,
/// behavior create/merge, type, options), and strategic-merge patches by kind and name (maps merge;
/// lists of named items merge by name; other lists are replaced). Generated names get no hash
/// suffix. Any other field fails the render by name.
/// </summary>
public static class FileKustomize
{
    private static readonly HashSet<string> Supported =
        ["apiVersion", "kind", "resources", "namespace", "images", "replicas", "configMapGenerator", "secretGenerator", "patches"];

    public static IReadOnlyList<Manifest> Render(string directory)
    {
        var kustomization = Yaml.Document(Repository.Read($"{directory}/kustomization.yaml"));
        var unsupported = kustomization.Keys.Cast<string>().Except(Supported).ToList();
        if (unsupported.Count > 0)
            throw new NotSupportedException($"{directory}/kustomization.yaml uses {string.Join(", ", unsupported)}, which the fallback renderer does not implement; install kubectl");

        var objects = new List<Dictionary<object, object?>>();
        foreach (var resource in kustomization.TextsAt("resources"))
        {
            var path = Path.GetRelativePath(Repository.Root, Path.GetFullPath(Repository.PathOf($"{directory}/{resource}")));
            objects.AddRange(Directory.Exists(Repository.PathOf(path))
                ? Render(path).Select(m => m.Body)
                : Yaml.Documents(Repository.Read(path)));
        }
        Generate(objects, kustomization.MapsAt("configMapGenerator"), "ConfigMap", value => value, "data");
        Generate(objects, kustomization.MapsAt("secretGenerator"), "Secret", value => Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), "data");
        foreach (var patch in kustomization.MapsAt("patches"))
            foreach (var document in Yaml.Documents(Repository.Read($"{directory}/{patch.Text("path")}")))
                StrategicMerge(Find(objects, document.Text("kind")!, document.Text("metadata.name")!), document);
        foreach (var replicas in kustomization.MapsAt("replicas"))
            Find(objects, "Deployment", replicas.Text("name")!).MapAt("spec")["replicas"] = replicas.Text("count");
        foreach (var image in kustomization.MapsAt("images")) SetImage(objects, image);
        if (kustomization.Text("namespace") is { } ns)
            foreach (var o in objects.Where(o => o.Text("kind") != "Namespace")) o.MapAt("metadata")["namespace"] = ns;
        return objects.Select(o => new Manifest(o)).ToList();
    }

    private static void Generate(List<Dictionary<object, object?>> objects, IEnumerable<Dictionary<object, object?>> generators,
        string kind, Func<string, string> encode, string dataKey)
    {
        foreach (var generator in generators)
        {
            var name = generator.Text("name")!;
            var data = generator.TextsAt("literals").Select(l => l.Split('=', 2)).ToDictionary(p => (object)p[0], p => (object?)encode(p[1]));
            if (generator.Text("behavior") == "merge")
            {
                var existing = Find(objects, kind, name).MapAt(dataKey);
                foreach (var entry in data) existing[entry.Key] = entry.Value;
                continue;
            }
            var metadata = new Dictionary<object, object?> { ["name"] = name };
            if (generator.At("options.labels") is Dictionary<object, object?> labels) metadata["labels"] = labels;
            var generated = new Dictionary<object, object?> { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = metadata, [dataKey] = data };
            if (kind == "Secret") generated["type"] = generator.Text("type") ?? "Opaque";
            objects.Add(generated);
        }
    }

    private static Dictionary<object, object?> Find(List<Dictionary<object, object?>> objects, string kind, string name) =>
        objects.SingleOrDefault(o => o.Text("kind") == kind && o.Text("metadata.name") == name)
        ?? throw new InvalidOperationException($"kustomize: no {kind}/{name} to patch or merge into");

    private static void SetImage(List<Dictionary<object, object?>> objects, Dictionary<object, object?> image)
    {
        var name = image.Text("name")!;
        foreach (var container in objects.SelectMany(o => o.MapsAt("spec.template.spec.containers")))
        {
            if (container.Text("image") is not { } current) continue;
            var (repository, tag) = current.LastIndexOf(':') is var colon and > 0 ? (current[..colon], current[(colon + 1)..]) : (current, null);
            if (repository != name) continue;
            var newTag = image.Text("newTag") ?? tag;
            container["image"] = (image.Text("newName") ?? repository) + (newTag is null ? "" : ":" + newTag);
        }
    }

    /// <summary>Merges patch into target: maps recursively, lists of named maps by name, anything else replaced.</summary>
    public static void StrategicMerge(Dictionary<object, object?> target, Dictionary<object, object?> patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is Dictionary<object, object?> map && target.GetValueOrDefault(key) is Dictionary<object, object?> existing)
                StrategicMerge(existing, map);
            else if (value is List<object?> list && target.GetValueOrDefault(key) is List<object?> current && IsNamed(list) && IsNamed(current))
                MergeByName(current, list);
            else
                target[key] = value;
        }
    }

    private static bool IsNamed(List<object?> list) => list.All(i => i is Dictionary<object, object?> m && m.ContainsKey("name"));

    private static void MergeByName(List<object?> current, List<object?> patch)
    {
        foreach (var item in patch.Cast<Dictionary<object, object?>>())
        {
            var match = current.Cast<Dictionary<object, object?>>().FirstOrDefault(c => Equals(c["name"], item["name"]));
            if (match is null) current.Add(item);
            else StrategicMerge(match, item);
        }
    }
}
