using System.Diagnostics.Metrics;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>
/// creditmesh.repair.overdue: open repair cases past a working-day deadline (DESIGN §4.5: overdue cases are flagged in
/// the queue and in metrics). Counted when the metric is collected, against the queue's stored deadlines and today.
/// </summary>
public sealed class OverdueMetric : IDisposable
{
    public const string MeterName = "CreditMesh.Repair";
    private readonly Meter meter;

    public OverdueMetric(IMeterFactory meters, NpgsqlDataSource dataSource, CaseStore cases, ILogger<OverdueMetric> log)
    {
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("creditmesh.repair.overdue", () => Count(dataSource, cases.Today, log), "{case}",
            "Open repair cases past their decision or feedback deadline");
    }

    /// <summary>Collection runs off the request path; a failed count is skipped (logged), never thrown into the exporter.</summary>
    private static IEnumerable<Measurement<long>> Count(NpgsqlDataSource dataSource, DateOnly today, ILogger log)
    {
        try
        {
            using var command = dataSource.CreateCommand("""
                select count(*) from repair_cases
                where status in ('Submitted', 'Accepted') and (feedback_due < $1 or (status = 'Accepted' and decision_due < $1))
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = today });
            command.CommandTimeout = 5;
            return [new Measurement<long>((long)command.ExecuteScalar()!)];
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not count overdue repair cases");
            return [];
        }
    }

    public void Dispose() => meter.Dispose();
}
