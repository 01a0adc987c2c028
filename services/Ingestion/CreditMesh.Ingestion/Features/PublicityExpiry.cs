using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using Npgsql;

namespace CreditMesh.Ingestion.Features;

/// <summary>
/// "Publicity ends automatically at the maximum" (DESIGN §4.2): reads are already exact (the window is
/// checked at read time); this job adds the CreditRecordDisclosureEnded event for each record whose
/// window has closed, so other services and the archive learn it too.
/// </summary>
public sealed class PublicityExpiry(NpgsqlDataSource dataSource, RecordIntake intake, TimeProvider time, ILogger<PublicityExpiry> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await EndClosedWindowsAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or EventStoreException)
            {
                logger.LogWarning(e, "Publicity expiry round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> EndClosedWindowsAsync(CancellationToken ct)
    {
        var due = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "select record_id from record_disclosure where disclosed and not ended and not revoked and publicity_until <= $1 limit 1000"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = intake.Today });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        }
        foreach (var recordId in due)
        {
            var (state, version) = await intake.LoadAsync(recordId, ct);
            if (state is not null && RecordDecider.EndDisclosure(state, "PublicityEnded", time.GetUtcNow()) is { } ended)
                await intake.AppendAsync(recordId, version, ended, new EventMetadata(Actor: new EventActor(null, "publicity-expiry", "system")), ct);
        }
        return due.Count;
    }
}
