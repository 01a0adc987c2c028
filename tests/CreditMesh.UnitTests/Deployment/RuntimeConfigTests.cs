using System.Text.Json;

namespace CreditMesh.UnitTests.Deployment;

/// <summary>
/// The services and the gateway run with thread-pool spinning off (Directory.Build.targets, issue 16): their runtime
/// configuration, built beside this test, is what every host (infra/run.sh, the images, k8s) starts them with.
/// </summary>
public sealed class RuntimeConfigTests
{
    private static readonly string[] Hosts =
        ["Registry", "Ingestion", "Lists", "Matching", "Repair", "Evaluation", "Exchange", "Gateway"];

    [TestCaseSource(nameof(Hosts))]
    public void A_host_process_does_not_spin_for_thread_pool_work(string host)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"CreditMesh.{host}.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.That(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var limit), $"{path} sets no spin limit");
        Assert.That(limit.GetInt32(), Is.Zero);
    }
}
