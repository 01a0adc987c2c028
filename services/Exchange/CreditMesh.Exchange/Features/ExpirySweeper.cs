using CreditMesh.EventSourcing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// Withdraws items whose publicity window or validity has closed, every Exchange:ExpiryInterval, so push subscribers hear of an
/// expiry (RecordWithdrawn, ListEntryRemoved) even when no feed reader came first (a read withdraws what is due itself).
/// </summary>
public sealed class ExpirySweeper(SharingLedger ledger, EventStoreInitializer schema, IOptions<ExchangeOptions> options, TimeProvider time,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Initialized.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, time);
        do
        {
            try
            {
                if (await ledger.ExpireDueAsync(stoppingToken) is > 0 and var expired) logger.LogInformation("Withdrew {Count} expired items", expired);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException || StreamWriting.IsConcurrency(e))
            {
                logger.LogWarning(e, "Expiry round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
