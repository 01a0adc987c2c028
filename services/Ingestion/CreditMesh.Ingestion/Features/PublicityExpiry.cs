using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Projections;
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
            catch (Exception e) when (e is NpgsqlException || StreamWriting.IsConcurrency(e))
            {
                logger.LogWarning(e, "Publicity expiry round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> EndClosedWindowsAsync(CancellationToken ct)
    {
        var due = await RecordQueries.ClosedWindowsAsync(dataSource, intake.Today, ct);
        var metadata = new EventMetadata(Actor: new EventActor(null, "publicity-expiry", "system"));
        foreach (var recordId in due)
            await intake.ChangeAsync(recordId, s => s is null ? new Decision.Unchanged() : RecordDecider.EndDisclosure(s, "PublicityEnded", time.GetUtcNow()),
                metadata, ct);
        return due.Count;
    }
}
