using CreditMesh.EventSourcing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Evaluation.Features;

/// <summary>
/// Brings stored evaluations up to date when they change without an event: a publicity window or an entry's validity ends, an
/// item leaves an indicator's look-back, a new model version takes effect. Reads are exact at read time anyway; this keeps the
/// published EvaluationChanged (the archive, matching's grade, the statistics, draws) in step within one interval. Every
/// replica may run it: the write path's subject locks make a second look at the same subject a no-op.
/// </summary>
public sealed class ReviewJob(NpgsqlDataSource dataSource, SubjectEvaluations evaluations, EventStoreInitializer initializer, TimeProvider time,
    IOptions<EvaluationOptions> options, ILogger<ReviewJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await initializer.Initialized.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await ReviewDueAsync(ct) == options.Value.ReviewBatch) { }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Evaluation review failed; retrying at the next interval");
            }
            await Task.Delay(options.Value.ReviewInterval, time, ct);
        }
    }

    /// <summary>Evaluates again up to one batch of subjects whose review is due; the number reviewed.</summary>
    public async Task<int> ReviewDueAsync(CancellationToken ct)
    {
        var due = new List<string>();
        await using (var command = dataSource.CreateCommand("select subject_code from evaluation_reviews where due_at <= $1 order by due_at limit $2"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.ReviewBatch });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due.Add(reader.GetString(0));
        }
        await evaluations.RecordAsync([.. due.Select(code => new Arrival(Guid.Empty, code, null))], EventMetadata.None, null, ct);
        return due.Count;
    }
}
