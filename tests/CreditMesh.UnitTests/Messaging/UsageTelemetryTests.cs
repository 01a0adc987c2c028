using CreditMesh.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CreditMesh.UnitTests.Messaging;

public sealed class UsageTelemetryTests
{
    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("0", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("yes", false)]
    public void The_environment_variable_is_read_as_MassTransit_8_4_reads_it(string? value, bool turnsOn)
    {
        Assert.That(UsageTelemetry.TurnsOn(value), Is.EqualTo(turnsOn));
    }

    [Test]
    [NonParallelizable]
    public void A_host_whose_environment_turns_telemetry_on_refuses_to_register_the_bus()
    {
        var before = Environment.GetEnvironmentVariable(UsageTelemetry.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(UsageTelemetry.EnvironmentVariable, "true");
            Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMassTransit(UsageTelemetry.TurnOff));
        }
        finally
        {
            Environment.SetEnvironmentVariable(UsageTelemetry.EnvironmentVariable, before);
        }
    }
}
