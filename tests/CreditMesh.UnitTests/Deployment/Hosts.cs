using System.Text.RegularExpressions;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>A .NET host of the stack: name (the k8s and docker-compose name), project, development port and database.</summary>
public sealed partial record Host(string Name, string Project, int DevelopmentPort, string? Database)
{
    public bool IsGateway => Database is null;
    public override string ToString() => Name;

    /// <summary>The C# files the host is built from: its project and every project it references, transitively.</summary>
    public IReadOnlyList<string> SourceFiles() => ProjectClosure().SelectMany(dir =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))).ToList();

    private HashSet<string> ProjectClosure()
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Repository.PathOf(Project)]);
        while (pending.TryPop(out var dir))
        {
            if (!seen.Add(dir)) continue;
            foreach (var csproj in Directory.GetFiles(dir, "*.csproj"))
                foreach (Match reference in ProjectReference().Matches(File.ReadAllText(csproj)))
                    pending.Push(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(dir, reference.Groups[1].Value.Replace('\\', '/'))))!);
        }
        return seen;
    }

    [GeneratedRegex(@"ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}

/// <summary>
/// The hosts as infra/lib.sh lists them for infra/run.sh (CM_SERVICES and CM_GATEWAY_PROJECT), so the
/// tests follow the one list the local stack uses.
/// </summary>
public static partial class Hosts
{
    public static readonly IReadOnlyList<Host> All = Load();

    public static IEnumerable<Host> Services => All.Where(h => !h.IsGateway);

    public static Host Gateway => All.Single(h => h.IsGateway);

    public static Host Named(string name) => All.Single(h => h.Name == name);

    /// <summary>For [TestCaseSource]: every host's name.</summary>
    public static IEnumerable<string> Names() => All.Select(h => h.Name);

    private static List<Host> Load()
    {
        var lib = Repository.Read("infra/lib.sh");
        // Ports are written as $((CM_SERVICE_PORT_BASE + n)), with the base's default beside them.
        var portBase = int.Parse(PortBase().Match(lib).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var services = ServiceEntry().Matches(lib)
            .Select(m => new Host(m.Groups["name"].Value, m.Groups["project"].Value,
                portBase + int.Parse(m.Groups["offset"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["db"].Value))
            .ToList();
        if (services.Count < 7) throw new InvalidOperationException($"infra/lib.sh CM_SERVICES should list every service (registry … evaluation, exchange); found {services.Count}");
        var gatewayProject = GatewayProject().Match(lib).Groups[1].Value;
        var gatewayPort = Yaml.Document(Repository.Read($"{gatewayProject}/appsettings.json")).Text("Urls") is { } urls ? new Uri(urls).Port : 0;
        return [.. services, new Host("gateway", gatewayProject, gatewayPort, null)];
    }

    [GeneratedRegex("\"(?<name>[a-z]+)\\|(?<project>[^|]+)\\|\\$\\(\\(CM_SERVICE_PORT_BASE \\+ (?<offset>\\d+)\\)\\)\\|(?<db>[a-z_]+)\"")]
    private static partial Regex ServiceEntry();

    [GeneratedRegex("CM_SERVICE_PORT_BASE=\"\\$\\{CM_SERVICE_PORT_BASE:-(\\d+)\\}\"")]
    private static partial Regex PortBase();

    [GeneratedRegex("CM_GATEWAY_PROJECT=\"([^\"]+)\"")]
    private static partial Regex GatewayProject();
}
