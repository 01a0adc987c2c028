using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// The configuration keys a host reads, derived from its code rather than listed by hand, so the list
/// cannot drift from what the services bind: the keys of its appsettings.json; the properties of
/// every options class it binds (AddOptions&lt;T&gt;().Bind(…GetSection(…)) or the root) in its project
/// and the projects it references; keys it reads directly (Configuration["A:B"], GetValue(…)); and
/// the two host settings ASP.NET Core itself reads (environment, urls).
/// </summary>
public sealed partial class ConfigurationKeys
{
    private static readonly HashSet<string> Scalars =
        ["string", "int", "long", "bool", "double", "decimal", "TimeSpan", "Uri", "Guid", "DateTimeOffset"];

    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _prefixes = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationKeys(Host host)
    {
        var source = string.Join("\n", host.SourceFiles().Select(File.ReadAllText));

        _exact.Add(HostDefaults.EnvironmentKey);
        _exact.Add(WebHostDefaults.ServerUrlsKey);
        Flatten(Yaml.Document(Repository.Read($"{host.Project}/appsettings.json")), "");
        foreach (Match bind in OptionsBinding().Matches(source))
            AddOptionsClass(source, bind.Groups["type"].Value, SectionOf(source, bind.Groups["section"].Value));
        foreach (Match read in DirectRead().Matches(source)) _exact.Add(read.Groups["key"].Value);
        foreach (Match read in NameofRead().Matches(source)) _exact.Add(read.Groups["key"].Value);
    }

    /// <summary>
    /// Whether an environment variable sets a key the host reads: "__" separates sections, and the
    /// ASPNETCORE_ prefix marks a host setting (ASPNETCORE_URLS is "urls").
    /// </summary>
    public bool Reads(string environmentVariable)
    {
        var key = environmentVariable.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            ? environmentVariable["ASPNETCORE_".Length..]
            : environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        return _exact.Contains(key) || _prefixes.Any(p => key.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase));
    }

    public IEnumerable<string> Known => _exact.Order();

    private void Flatten(object? node, string prefix)
    {
        if (node is Dictionary<object, object?> map)
            foreach (var (key, value) in map) Flatten(value, prefix.Length == 0 ? (string)key : $"{prefix}:{key}");
        else if (prefix.Length > 0) _exact.Add(prefix);
    }

    private void AddOptionsClass(string source, string type, string section)
    {
        var body = ClassBody(source, type) ?? throw new AssertionException($"options class {type} not found in the host's sources");
        foreach (Match property in Property().Matches(body))
        {
            var key = section.Length == 0 ? property.Groups["name"].Value : $"{section}:{property.Groups["name"].Value}";
            if (Scalars.Contains(property.Groups["type"].Value.TrimEnd('?'))) _exact.Add(key);
            else _prefixes.Add(key);
        }
    }

    private static string SectionOf(string source, string argument)
    {
        if (argument.Length == 0) return "";
        if (argument.StartsWith('"')) return argument.Trim('"');
        var owner = argument.Split('.')[0];
        var body = ClassBody(source, owner) ?? throw new AssertionException($"class {owner} (section of an options binding) not found");
        return SectionConstant().Match(body).Groups[1].Value;
    }

    private static string? ClassBody(string source, string type)
    {
        var declaration = Regex.Match(source, $@"\bclass\s+{Regex.Escape(type)}\b[^{{]*\{{");
        if (!declaration.Success) return null;
        var depth = 1;
        var i = declaration.Index + declaration.Length;
        for (; i < source.Length && depth > 0; i++) depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
        return source[(declaration.Index + declaration.Length)..i];
    }

    // AddOptions<T>().Bind(configuration[.GetSection(s)]), AddOptions<T>().BindConfiguration(s), Configure<T>(configuration.GetSection(s)).
    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\(\)\s*\.Bind\(\s*[\w.]*?[Cc]onfiguration(?:\.GetSection\((?<section>[^)]*)\))?\s*\)|AddOptions<(?<type>\w+)>\(\)\s*\.BindConfiguration\((?<section>[^)]*)\)|Configure<(?<type>\w+)>\(\s*[\w.]*?[Cc]onfiguration\.GetSection\((?<section>[^)]*)\)\s*\)")]
    private static partial Regex OptionsBinding();

    [GeneratedRegex(@"public\s+(?<type>[\w<>,\s\[\]?]+?)\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);")]
    private static partial Regex Property();

    [GeneratedRegex(@"const\s+string\s+Section\s*=\s*""([^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"[Cc]onfiguration\[""(?<key>[^""]+)""\]")]
    private static partial Regex DirectRead();

    [GeneratedRegex(@"[Cc]onfiguration\.GetValue<[^>]+>\(nameof\(\w+\.(?<key>\w+)\)")]
    private static partial Regex NameofRead();
}
