using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Identifiers;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CreditMesh.Lists.Features;

/// <summary>
/// GET /api/v1/list-entries, /{id} and /{id}/history (DESIGN §5): member units, auditors and the credit
/// centre read every entry — lists are shared for joint punishment (联合奖惩), not owned data (ADR 0007).
/// Every answer shows the entry as it stands at the moment of the read, expiry included.
/// </summary>
public static class ListEntriesApi
{
    public static IEndpointRouteBuilder MapListEntriesApi(this IEndpointRouteBuilder app)
    {
        var entries = app.MapGroup("/api/v1/list-entries").WithTags("List entries");
        // A subject reads its own entries of every status, its Proposed ones included (DESIGN §4.9 self-view).
        entries.MapGet("/", FindAsync).RequireRoles(Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter, Roles.Subject)
            .WithAccessLog("list-entries", "subjectCode");
        entries.MapGet("/{id}", GetAsync).RequireRoles(Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter);
        entries.MapGet("/{id}/history", HistoryAsync).RequireRoles(Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter)
            .WithAccessLog("list-entry-history", "id");
        return app;
    }

    private static async Task<Results<Ok<ListEntryPage>, ValidationProblem, ProblemHttpResult>> FindAsync(string? subjectCode, string? listType,
        string? status, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.Subject && string.IsNullOrWhiteSpace(subjectCode)) subjectCode = caller.Subject;
        var errors = new Dictionary<string, string[]>();
        var type = Parse<ListType>(listType, "listType", errors);
        var state = Parse<EntryStatus>(status, "status", errors);
        var subject = string.IsNullOrWhiteSpace(subjectCode) ? null : SubjectCode.ValidateAnyKind(subjectCode);
        if (subject is { IsValid: false }) errors["subjectCode"] = [subject.Error!];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(subject!.Normalized))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject reads its own list entries only.");
        var found = await ListEntryQueries.FindAsync(dataSource, subject?.Normalized, type, state, time.GetUtcNow(), ct);
        return TypedResults.Ok(new ListEntryPage(found.Select(e => ListEntryResponse.From(e.State, e.Version)).ToList()));
    }

    /// <summary>Enumerations are matched exactly as DESIGN §5.1 writes them; anything else names the parameter.</summary>
    private static T? Parse<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        errors[field] = [$"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }

    private static async Task<Results<Ok<ListEntryResponse>, NotFound<ProblemDetails>>> GetAsync(string id, HttpContext http, SubjectLists lists,
        TimeProvider time, CancellationToken ct)
    {
        var (state, version) = await lists.LoadAsync(id, ct);
        if (state is null) return NotFound(id);
        http.Response.SetVersion(version);
        return TypedResults.Ok(ListEntryResponse.From(state.AsSeenAt(time.GetUtcNow()), version));
    }

    private static async Task<Results<Ok<ListEntryHistory>, NotFound<ProblemDetails>>> HistoryAsync(string id, SubjectLists lists, CancellationToken ct)
    {
        var events = await lists.HistoryAsync(id, ct);
        if (events.Count == 0) return NotFound(id);
        return TypedResults.Ok(new ListEntryHistory(id, events.Select(e => new HistoryEntry(e.Version, e.Type, e.At, e.Actor, e.HashHex)).ToList()));
    }

    internal static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "List entry not found", Detail = $"No list entry {id}." });
}
