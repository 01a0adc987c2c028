using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Matching.Domain.Measures;
using CreditMesh.Matching.Index;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.Matching.Features;

/// <summary>
/// Answers a match from this replica's memory (now) or from the list history (asOf), with the catalogue version in
/// force at that instant, and logs it durably before the answer leaves. No call to another service on this path.
/// </summary>
public sealed class Matcher(SubjectIndex index, ListHistory history, EvaluationHistory grades, MeasuresCatalogue catalogue, MatchLog log, TimeProvider time)
{
    public MeasuresCatalogue Catalogue => catalogue;

    /// <summary>The catalogue version the match will use, or null when none was in force then.</summary>
    public CatalogueVersion? CatalogueAt(DateTimeOffset? asOf) => catalogue.At(asOf ?? time.GetUtcNow());

    /// <summary>
    /// Evaluates the matches; <c>Log</c> queues them (with the request's access-log entry) for the match log and completes
    /// when they are durable. The caller must not let the answer leave before that (see <see cref="LoggedResult{T}"/>).
    /// </summary>
    public async Task<(IReadOnlyList<MatchResponse> Answers, Func<AccessLogEntry?, Task> Log)> MatchAsync(IReadOnlyList<string> subjectCodes, string matterCode,
        DateTimeOffset? asOf, Caller caller, CancellationToken ct)
    {
        var evaluatedAt = time.GetUtcNow();
        var instant = asOf ?? evaluatedAt;
        var version = catalogue.At(instant) ?? throw new InvalidOperationException("no catalogue version in force; validate first");
        var answers = new List<(MatchAnswered Logged, MatchResult Result, SubjectGrade? Grade)>(subjectCodes.Count);
        foreach (var subject in subjectCodes)
        {
            var found = asOf is null ? index.Find(subject, instant) : await history.FindAsync(subject, instant, ct);
            var result = MatchEvaluation.Evaluate(version, matterCode, found);
            var matchId = Guid.CreateVersion7(evaluatedAt).ToString();
            answers.Add((new MatchAnswered(matchId, subject, matterCode, result.Decision.ToString(), result.Hits.Select(HitDto.Logged).ToList(),
                result.Suppressed.Select(HitDto.Logged).ToList(), evaluatedAt, asOf, result.CatalogVersion, caller.Unit, caller.User, caller.Role), result,
                asOf is null ? index.GradeOf(subject) : await grades.AtAsync(subject, instant, ct)));
        }
        var matches = answers.Select(a => a.Logged).ToList();
        Task Log(AccessLogEntry? access) => log.RecordAsync(matches, access);
        return (answers.Select(a => new MatchResponse(a.Logged.MatchId, a.Logged.SubjectCode, matterCode, a.Logged.Decision,
            a.Result.Hits.Select(HitDto.Of).ToList(), a.Result.Suppressed.Select(HitDto.Of).ToList(), evaluatedAt, asOf, a.Result.CatalogVersion, a.Grade)).ToList(), Log);
    }
}
