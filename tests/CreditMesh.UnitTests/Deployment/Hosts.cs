using System.Text.RegularExpressions;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>A .NET host of the stack: name (the k8s and docker-compose name), project, development port and database.</summary>
public sealed record Host(string Name, string Project, int DevelopmentPort, string? Database)
{
    public bool IsGateway => Database is null;
    public override string ToString() => Name;
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
        var services = ServiceEntry().Matches(lib)
            .Select(m => new Host(m.Groups["name"].Value, m.Groups["project"].Value, int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["db"].Value))
            .ToList();
        var gatewayProject = GatewayProject().Match(lib).Groups[1].Value;
        var gatewayPort = Yaml.Document(Repository.Read($"{gatewayProject}/appsettings.json")).Text("Urls") is { } urls ? new Uri(urls).Port : 0;
        Assert.That(services, Has.Count.EqualTo(5), "infra/lib.sh CM_SERVICES lists the five services");
        return [.. services, new Host("gateway", gatewayProject, gatewayPort, null)];
    }

    [GeneratedRegex("\"(?<name>[a-z]+)\\|(?<project>[^|]+)\\|(?<port>\\d+)\\|(?<db>[a-z_]+)\"")]
    private static partial Regex ServiceEntry();

    [GeneratedRegex("CM_GATEWAY_PROJECT=\"([^\"]+)\"")]
    private static partial Regex GatewayProject();
}
