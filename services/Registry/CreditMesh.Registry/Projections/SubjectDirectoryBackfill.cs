using CreditMesh.EventSourcing;
using Npgsql;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// At start-up, after the event store's initializer: an empty subject directory is rebuilt from the subject
/// streams, so a registry whose database predates the directory (or a wiped read model) finds its subjects
/// by name at once. Empty means nothing to lose; a filled directory is kept current inline and left alone.
/// </summary>
public sealed class SubjectDirectoryBackfill(NpgsqlDataSource dataSource, EventStore store, ILogger<SubjectDirectoryBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from subject_directory)");
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return;
        var projection = store.InlineProjections.OfType<SubjectDirectoryProjection>().Single();
        await new ProjectionRebuilder(store).RebuildInlineAsync(projection, cancellationToken);
        logger.LogInformation("Subject directory rebuilt from the subject streams");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
