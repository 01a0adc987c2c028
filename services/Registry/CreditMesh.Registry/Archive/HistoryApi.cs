using CreditMesh.Contracts.Vocabulary;
using System.Text.Json;
using CreditMesh.Registry.Domain.Archive;
using CreditMesh.Identifiers;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>Auditors replay a subject's credit archive, as of any instant, and check it was not tampered with (DESIGN §4.6).</summary>
public static class HistoryApi
{
    public sealed record HistoryEvent(DateTimeOffset At, string Stream, long Version, string Type, string? Actor, string Summary);
    public sealed record HistoryResponse(string SubjectCode, DateTimeOffset AsOf, IReadOnlyList<HistoryEvent> Events, ArchiveState State);
    public sealed record StreamCheck(string Stream, bool Intact, long? FirstBrokenVersion);
    public sealed record VerifyResponse(bool Intact, IReadOnlyList<StreamCheck> Streams);

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/subjects/{code}/history", GetHistoryAsync).RequireRoles(Roles.Auditor, Roles.CreditCenter)
            .WithAccessLog("history", "code").WithTags("History");
        app.MapGet("/api/v1/subjects/{code}/history/verify", VerifyAsync).RequireRoles(Roles.Auditor)
            .WithAccessLog("history-verify", "code").WithTags("History");
        return app;
    }

    private static async Task<Results<Ok<HistoryResponse>, ValidationProblem>> GetHistoryAsync(string code, DateTimeOffset? asOf,
        HistoryReader history, TimeProvider time, CancellationToken ct)
    {
        var normalized = SubjectCode.ValidateAnyKind(code);
        if (!normalized.IsValid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [normalized.Error!] });
        return TypedResults.Ok(await history.ReadAsync(normalized.Normalized, asOf ?? time.GetUtcNow(), ct));
    }

    private static async Task<Results<Ok<VerifyResponse>, ValidationProblem>> VerifyAsync(string code, HistoryReader history, CancellationToken ct)
    {
        var normalized = SubjectCode.ValidateAnyKind(code);
        if (!normalized.IsValid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [normalized.Error!] });
        return TypedResults.Ok(await history.VerifyAsync(normalized.Normalized, ct));
    }
}

/// <summary>Reads a subject's timeline and state, and verifies the archive copies it draws on.</summary>
public sealed class HistoryReader(NpgsqlDataSource dataSource)
{
    public async Task<HistoryApi.HistoryResponse> ReadAsync(string subjectCode, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select occurred_at, source_stream, source_version, type, actor, summary, payload::text from archive_timeline
            where subject_code = $1 and occurred_at <= $2 order by occurred_at, archive_seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.ToUniversalTime() }); // Npgsql writes timestamptz from UTC only
        var events = new List<HistoryApi.HistoryEvent>();
        var timeline = new List<TimelineEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var at = reader.GetFieldValue<DateTimeOffset>(0);
            var type = reader.GetString(3);
            events.Add(new HistoryApi.HistoryEvent(at, reader.GetString(1), reader.GetInt64(2), type, reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
            using var payload = JsonDocument.Parse(reader.GetString(6));
            timeline.Add(new TimelineEvent(type, at, payload.RootElement.Clone()));
        }
        return new HistoryApi.HistoryResponse(subjectCode, asOf, events, ArchiveState.At(timeline, asOf));
    }

    /// <summary>Every source stream's archive copy: its hash chain up to its head, and no version still missing (a gap not yet refilled).</summary>
    public async Task<HistoryApi.VerifyResponse> VerifyAsync(string subjectCode, CancellationToken ct)
    {
        var sources = new List<(string Stream, long? FirstMissing, ArchiveHead? Head)>();
        await using (var command = dataSource.CreateCommand("""
            select t.source_stream, (select min(p.source_version) from archive_pending p where p.source_stream = t.source_stream), h.version, h.hash
            from (select distinct source_stream from archive_timeline where subject_code = $1) t
            left join archive_heads h on h.source_stream = t.source_stream order by 1
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var stream = reader.GetString(0);
                var head = reader.IsDBNull(2) ? null : new ArchiveHead(stream, reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
                sources.Add((stream, reader.IsDBNull(1) ? null : reader.GetInt64(1), head));
            }
        }
        var links = await LinksAsync(dataSource, sources.Select(s => s.Stream).ToList(), ct);
        var checks = new List<HistoryApi.StreamCheck>();
        foreach (var (stream, firstMissing, head) in sources)
        {
            var chain = links.GetValueOrDefault(stream) ?? [];
            var firstBroken = ArchiveChain.FirstBroken(chain, head) ?? (firstMissing is null ? null : chain.Count + 1);
            checks.Add(new HistoryApi.StreamCheck(stream, firstBroken is null, firstBroken));
        }
        return new HistoryApi.VerifyResponse(checks.All(c => c.Intact), checks);
    }

    /// <summary>The archived events of these source streams with their stored hashes, each stream's in version order (one query).</summary>
    internal static async Task<Dictionary<string, List<ChainLink>>> LinksAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> streams, CancellationToken ct)
    {
        var links = new Dictionary<string, List<ChainLink>>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("""
            select subject_code, source_stream, source_version, type, occurred_at, actor, summary, payload::text, hash from archive_timeline
            where source_stream = any($1) order by source_stream, source_version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var e = new ArchivedEvent(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7));
            if (!links.TryGetValue(e.SourceStream, out var chain)) links[e.SourceStream] = chain = [];
            chain.Add(new ChainLink(e, reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8)));
        }
        return links;
    }
}
