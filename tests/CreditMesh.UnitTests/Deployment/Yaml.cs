using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// YAML as plain trees: maps are Dictionary&lt;object, object?&gt; (string keys), lists are List&lt;object?&gt;,
/// scalars are strings. Merge keys (&lt;&lt;: *anchor, used by docker-compose.yml) are resolved.
/// </summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Dictionary<object, object?>> Documents(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<object, object?>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            if (Deserializer.Deserialize(parser) is Dictionary<object, object?> map) documents.Add(map);
        }
        return documents;
    }

    public static Dictionary<object, object?> Document(string text) => Documents(text).Single();

    /// <summary>The value at a dotted path of map keys, or null when any step is missing.</summary>
    public static object? At(this object? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not Dictionary<object, object?> map || !map.TryGetValue(key, out node)) return null;
        }
        return node;
    }

    public static string? Text(this object? node, string path) => node.At(path) as string;

    public static Dictionary<object, object?> MapAt(this object? node, string path) =>
        node.At(path) as Dictionary<object, object?> ?? [];

    public static IEnumerable<Dictionary<object, object?>> MapsAt(this object? node, string path) =>
        (node.At(path) as List<object?> ?? []).OfType<Dictionary<object, object?>>();

    public static IEnumerable<string> TextsAt(this object? node, string path) =>
        (node.At(path) as List<object?> ?? []).OfType<string>();

    public static Dictionary<string, string> Labels(this object? node, string path) =>
        node.MapAt(path).ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
}
