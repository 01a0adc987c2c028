namespace CreditMesh.UnitTests.Deployment;

/// <summary>Files of this checkout, found from the test's output directory by walking up to CreditMesh.sln.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot(AppContext.BaseDirectory);

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditMesh.sln"))) return dir.FullName;
        throw new InvalidOperationException($"CreditMesh.sln not found above {start}: the deployment tests read the repository's files.");
    }
}
