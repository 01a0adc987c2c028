using System.Threading.Channels;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.ServiceDefaults.AccessLog;
using Marten;
using Microsoft.Extensions.Options;

namespace CreditMesh.Matching.Features;

/// <summary>
/// 查询留痕 with group commit: requests queue their answered matches with their access-log entries, a writer takes
/// everything queued (up to GroupCommitMaxBatch matches) into a single transaction of new <c>match-&lt;id&gt;</c> streams
/// and access_log rows (one commit for both logs, DESIGN §6), and each request answers only after its transaction
/// committed (DESIGN §4.4: logged before or with the response). A few writers
/// run side by side (GroupCommitWriters) so a batch forms while the previous one waits for its WAL flush; new
/// streams never contend with each other.
/// </summary>
public sealed class MatchLog(IDocumentStore store, IOptions<MatchingOptions> options, ILogger<MatchLog> logger) : BackgroundService
{
    private sealed record Pending(IReadOnlyList<MatchAnswered> Matches, AccessLogEntry? Access, TaskCompletionSource Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });

    public static string StreamId(string matchId) => $"match-{matchId}";

    /// <summary>Completes when the matches (and the request's access-log entry, if given) are durable; throws if their transaction failed.</summary>
    public Task RecordAsync(IReadOnlyList<MatchAnswered> matches, AccessLogEntry? access)
    {
        var pending = new Pending(matches, access, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) pending.Done.SetException(new InvalidOperationException("The match log is closed."));
        return pending.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.GroupCommitWriters).Select(_ => WriteLoopAsync(ct)));

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var group = new List<Pending>();
        while (await WaitAsync(ct))
        {
            var count = 0;
            while (count < options.Value.GroupCommitMaxBatch && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                count += next.Matches.Count;
            }
            try
            {
                await using var session = await store.OpenWriteSessionAsync(EventMetadata.None, ct);
                foreach (var match in group.SelectMany(p => p.Matches)) session.AppendAt<MatchState>(StreamId(match.MatchId), 0, match);
                if (group.Where(p => p.Access is not null).Select(p => p.Access!).ToList() is { Count: > 0 } accesses)
                {
                    var (sql, values) = AccessLogWriter.Insert(accesses);
                    session.QueueSql(sql, values);
                }
                await session.CommitAsync(ct);
                foreach (var pending in group) pending.Done.SetResult();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Logging {Count} matches failed; their requests fail", count);
                foreach (var pending in group) pending.Done.TrySetException(e);
            }
            group.Clear();
        }
    }

    /// <summary>False when the log closes or the host stops (pending requests then fail with the host).</summary>
    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            return await _queue.Reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(ct);
    }
}
