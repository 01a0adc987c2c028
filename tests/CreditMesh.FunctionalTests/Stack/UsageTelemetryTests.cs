using MassTransit.UsageTracking;
using Microsoft.Extensions.DependencyInjection;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>DESIGN §2: no service calls home; MassTransit's usage tracker, which would post to masstransit.io, is off in each.</summary>
public sealed class UsageTelemetryTests
{
    [Test]
    public void No_service_would_send_MassTransit_usage_telemetry()
    {
        Assert.That(RunningSystem.Services.Keys, Is.EquivalentTo(new[] { "Registry", "Ingestion", "Lists", "Matching", "Repair", "Evaluation", "Exchange" }));
        foreach (var (service, provider) in RunningSystem.Services)
            Assert.That(provider.GetRequiredService<IUsageTracker>(), Is.TypeOf<UsageTracker>().With.Property(nameof(UsageTracker.Enabled)).False, service);
    }
}
