using System.ComponentModel.DataAnnotations;
using CreditMesh.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>Asks the owning service to republish every source stream whose gap has outlived <see cref="ArchiveOptions.GapRefillAfter"/>.</summary>
public sealed class GapRefiller(NpgsqlDataSource dataSource, IBus bus, TimeProvider time, IOptions<ArchiveOptions> options,
    ILogger<GapRefiller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GapRefillAfter, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var (stream, from) in await StaleGapsAsync(stoppingToken))
                {
                    logger.LogInformation("Archive copy of {Stream} misses versions from {Version}; asking its owner to republish", stream, from);
                    await bus.Publish(new StreamRepublishRequested(stream, from, RegistryService.Name), stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or MassTransitException or TimeoutException)
            {
                logger.LogWarning(e, "Gap refill round failed; trying again next round");
            }
        }
    }

    private async Task<List<(string Stream, long From)>> StaleGapsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select p.source_stream, coalesce(h.version, 0) + 1 from archive_pending p
            left join archive_heads h on h.source_stream = p.source_stream
            group by p.source_stream, h.version having min(p.received_at) < $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (time.GetUtcNow() - options.Value.GapRefillAfter).ToUniversalTime() });
        var gaps = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) gaps.Add((reader.GetString(0), reader.GetInt64(1)));
        return gaps;
    }
}
