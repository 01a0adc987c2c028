using MassTransit;

namespace CreditMesh.Messaging;

/// <summary>
/// MassTransit's usage telemetry (a report of versions, host, time zone and endpoint names sent to masstransit.io) stays
/// off: a government platform talks to its broker and its database only (DESIGN §2). MassTransit 8.4 reads the options
/// that <see cref="UsageTelemetryOptionsExtensions.DisableUsageTelemetry(IBusRegistrationConfigurator)"/> sets, then lets
/// the environment variable MASSTRANSIT_USAGE_TELEMETRY override them, so a host whose environment turns it back on
/// refuses to start instead of calling home.
/// </summary>
public static class UsageTelemetry
{
    public const string EnvironmentVariable = "MASSTRANSIT_USAGE_TELEMETRY";

    public static void TurnOff(IBusRegistrationConfigurator bus)
    {
        if (TurnsOn(Environment.GetEnvironmentVariable(EnvironmentVariable)))
            throw new InvalidOperationException($"{EnvironmentVariable} turns MassTransit's usage telemetry on; CreditMesh never sends it. Unset it or set it to false.");
        bus.DisableUsageTelemetry();
    }

    /// <summary>As MassTransit 8.4's UsageTracker reads the variable: a boolean, or 1 for on; anything else leaves the options alone.</summary>
    public static bool TurnsOn(string? value) =>
        !string.IsNullOrWhiteSpace(value) && (bool.TryParse(value, out var enabled) ? enabled : int.TryParse(value, out var number) && number == 1);
}
