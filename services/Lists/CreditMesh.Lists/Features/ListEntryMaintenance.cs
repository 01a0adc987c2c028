using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Projections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Lists.Features;

/// <summary>
/// Writes what the clock decides: a proposed entry whose objection window ended takes effect, an entry past
/// its validity is removed as Expired (and red entries it suspended are restored). Reads are already exact
/// without it (<see cref="ListEntryState.AsSeenAt"/>); this job makes the events other services learn from.
/// </summary>
public sealed class ListEntryMaintenance(NpgsqlDataSource dataSource, SubjectLists lists, TimeProvider time, IOptions<ListsOptions> options,
    ILogger<ListEntryMaintenance> logger) : BackgroundService
{
    private static readonly EventMetadata System = new(Actor: new EventActor(null, "list-maintenance", "system"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException || StreamWriting.IsConcurrency(e))
            {
                logger.LogWarning(e, "List maintenance round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every subject with a due activation or expiry is reconciled. Returns how many subjects were.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var due = await ListEntryQueries.SubjectsDueAsync(dataSource, time.GetUtcNow(), ct);
        foreach (var subject in due) await lists.ReconcileAsync(subject, System, null, null, ct);
        return due.Count;
    }
}
