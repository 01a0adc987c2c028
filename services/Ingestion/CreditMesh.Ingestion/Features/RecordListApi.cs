using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Ingestion.Features;

/// <summary>
/// GET /api/v1/records?subjectCode=&amp;cursor=&amp;limit= (DESIGN §5.2, §4.9 self-view): a subject reads all its own records,
/// undisclosed minor ones included; a member unit the records it submitted; the credit centre and auditors every record.
/// </summary>
public static class RecordListApi
{
    public const int DefaultLimit = 50, MaxLimit = 200;

    public sealed record RecordItem(string RecordId, string SourceUnit, string Category, string Status, string DecisionNumber, DateOnly DecisionDate,
        string? Severity, string DecidingAuthority, string? PenaltyContent, ListedPublicity Publicity, bool UnderObjection);

    /// <summary>The window and whether the public sees the record today; minUntil and ruleVersion are absent only for rows never backfilled.</summary>
    public sealed record ListedPublicity(bool Disclosed, DateOnly From, DateOnly? MinUntil, DateOnly MaxUntil, string? RuleVersion);

    /// <summary>DESIGN §5.2 pages: next is the cursor of the following page, written as null on the last one.</summary>
    public sealed record RecordList(IReadOnlyList<RecordItem> Items,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Next);

    public static IEndpointRouteBuilder MapRecordListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/records", ListAsync).RequireRoles(Roles.Subject, Roles.MemberUnit, Roles.CreditCenter, Roles.Auditor)
            .WithAccessLog("records", "subjectCode").WithTags("Records");
        return app;
    }

    private static async Task<Results<Ok<RecordList>, ValidationProblem, ProblemHttpResult>> ListAsync(string? subjectCode, string? cursor, int? limit,
        HttpContext http, NpgsqlDataSource dataSource, RecordIntake intake, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var errors = new Dictionary<string, string[]>();
        var subject = string.IsNullOrWhiteSpace(subjectCode) ? null : SubjectCode.ValidateAnyKind(subjectCode);
        if (subject is { IsValid: false }) errors["subjectCode"] = [subject.Error!];
        var after = cursor is null ? null : RecordCursor.Decode(cursor);
        if (cursor is not null && after is null) errors["cursor"] = ["cursor must be the next value of an earlier page."];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"limit must be 1 to {MaxLimit}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // A subject reads its own code only, and asking without a code means its own.
        var code = subject?.Normalized ?? (caller.Role == Roles.Subject ? caller.Subject : null);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(code!))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject reads its own records only.");
        var unit = caller.Role == Roles.MemberUnit ? caller.Unit : null;

        var (rows, more) = await RecordPages.ReadAsync(dataSource, code, unit, after, limit ?? DefaultLimit, ct);
        var today = intake.Today;
        var items = rows.Select(r => new RecordItem(r.RecordId, r.SourceUnit, r.Category, Status(r), r.DecisionNumber, r.DecisionDate, r.Severity,
            r.DecidingAuthority, r.PenaltyContent, new ListedPublicity(DisclosedOn(r, today), r.PublicityFrom, r.PublicityMinUntil, r.PublicityUntil,
                r.RuleVersion), r.UnderObjection)).ToList();
        return TypedResults.Ok(new RecordList(items, more ? new RecordCursor(rows[^1].DecisionDate, rows[^1].RecordId).Encode() : null));
    }

    private static string Status(RecordRow r) => r.Revoked ? "Revoked" : r.Corrected ? "Corrected" : "Active";

    /// <summary>The same rule as disclosures: a disclosed kind, inside its window today, not revoked, its disclosure not ended.</summary>
    private static bool DisclosedOn(RecordRow r, DateOnly today) =>
        r.DisclosedKind && !r.Revoked && !r.Ended && r.PublicityFrom <= today && today < r.PublicityUntil;
}
