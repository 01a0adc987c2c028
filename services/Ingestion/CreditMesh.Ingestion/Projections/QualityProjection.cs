using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Ingestion.Projections;

/// <summary>
/// quality_daily: per unit and China-Standard-Time day (in <see cref="RecordQueries.QualitySlots"/> rows that readers
/// sum), records accepted, late (双公示 7 working days), corrected and rejected. Accepted/late/corrected follow the events
/// (rebuildable); rejections store no record, so the intake counts them directly (<see cref="RecordQueries.CountRejectedAsync"/>).
/// </summary>
public sealed class QualityProjection : SqlProjection
{
    public override string Name => "quality-daily";

    /// <remarks>Rejections are not events, so a rebuild must not empty this table; it zeroes the event counts instead (see the DDL).</remarks>
    public override IReadOnlyList<string> Tables => [];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var counts = new Dictionary<(string Unit, DateOnly Day), (int Accepted, int Late, int Corrected)>();
        foreach (var e in events)
        {
            var (unit, accepted, late, corrected) = e.Data switch
            {
                RecordAccepted a => (a.SourceUnit, 1, a.Late ? 1 : 0, 0),
                RecordCorrected => (EventMetadata.Of(e).Actor?.Unit, 0, 0, 1),
                _ => (null, 0, 0, 0),
            };
            if (unit is null) continue;
            var key = (unit, ChinaTime.DayOf(e.Timestamp));
            var current = counts.GetValueOrDefault(key);
            counts[key] = (current.Accepted + accepted, current.Late + late, current.Corrected + corrected);
        }
        // One slot for the whole transaction and rows in one order, so two transactions never lock each other's rows crosswise.
        var slot = RecordQueries.AnyQualitySlot();
        foreach (var ((unit, day), (accepted, late, corrected)) in counts.OrderBy(c => c.Key.Unit, StringComparer.Ordinal).ThenBy(c => c.Key.Day))
            operations.QueueSql(RecordQueries.AddQuality, unit, day, accepted, 0, late, corrected, slot);
        return Task.CompletedTask;
    }
}
