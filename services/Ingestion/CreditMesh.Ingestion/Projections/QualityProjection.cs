using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using Npgsql;

namespace CreditMesh.Ingestion.Projections;

/// <summary>
/// quality_daily: per unit and China-Standard-Time day, records accepted, late (双公示 7 working days),
/// corrected and rejected. Accepted/late/corrected follow the events (rebuildable); rejections store no
/// record, so the intake counts them here directly (<see cref="CountRejectedAsync"/>).
/// </summary>
public sealed class QualityProjection : IProjection
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public string Name => "quality-daily";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var counts = new Dictionary<(string Unit, DateOnly Day), (int Accepted, int Late, int Corrected)>();
        foreach (var e in events)
        {
            var day = DateOnly.FromDateTime(e.CreatedAt.ToOffset(ChinaStandardTime).DateTime);
            var (unit, accepted, late, corrected) = e.Data switch
            {
                RecordAccepted a => (a.SourceUnit, 1, a.Late ? 1 : 0, 0),
                RecordCorrected => (e.Metadata.Actor?.Unit, 0, 0, 1),
                _ => (null, 0, 0, 0),
            };
            if (unit is null) continue;
            var current = counts.GetValueOrDefault((unit, day));
            counts[(unit, day)] = (current.Accepted + accepted, current.Late + late, current.Corrected + corrected);
        }
        foreach (var ((unit, day), (accepted, late, corrected)) in counts)
            await AddAsync(context.Connection, context.Transaction, unit, day, accepted, 0, late, corrected, ct);
    }

    public static async Task CountRejectedAsync(NpgsqlDataSource dataSource, string unit, DateOnly day, int rejected, CancellationToken ct)
    {
        if (rejected == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await AddAsync(connection, null, unit, day, 0, rejected, 0, 0, ct);
    }

    private static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string unit, DateOnly day,
        int accepted, int rejected, int late, int corrected, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            insert into quality_daily (unit, day, accepted, rejected, late, corrected) values ($1, $2, $3, $4, $5, $6)
            on conflict (unit, day) do update set accepted = quality_daily.accepted + excluded.accepted,
                rejected = quality_daily.rejected + excluded.rejected, late = quality_daily.late + excluded.late,
                corrected = quality_daily.corrected + excluded.corrected
            """, connection, tx);
        foreach (var value in new object[] { unit, day, accepted, rejected, late, corrected })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rejections are not events, so a rebuild keeps them and recounts the rest.</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken ct) =>
        context.ExecuteAsync("update quality_daily set accepted = 0, late = 0, corrected = 0", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists quality_daily (
                unit text not null, day date not null, accepted int not null, rejected int not null, late int not null, corrected int not null,
                primary key (unit, day));
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
