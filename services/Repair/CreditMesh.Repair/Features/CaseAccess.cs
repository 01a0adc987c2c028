using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Identifiers;
using CreditMesh.Repair.Domain;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.Repair.Features;

/// <summary>Who may see and act on a case or objection, and the answers shared by the repair endpoints.</summary>
public static class CaseAccess
{

    /// <summary>Auditors and the credit centre see every case; a unit the cases it decides; a subject only its own (DESIGN §5).</summary>
    public static bool MayRead(Caller caller, string subjectCode, string? decidingUnit) => caller.Role switch
    {
        Roles.Auditor or Roles.CreditCenter => true,
        Roles.MemberUnit => decidingUnit is not null && caller.Unit == decidingUnit,
        Roles.Subject => caller.IsSubjectItself(subjectCode),
        _ => false,
    };

    public static DecidingParty PartyOf(Caller caller) =>
        new(caller.Role == Roles.CreditCenter, caller.Role == Roles.MemberUnit ? caller.Unit : null);

    /// <summary>
    /// The queue filters a caller may use: a unit sees only its own unit's queue, a subject only its own cases.
    /// Null when a member unit asks for another unit's queue.
    /// </summary>
    public static (string? Unit, string? Subject)? QueueScope(Caller caller, string? unit) => caller.Role switch
    {
        Roles.MemberUnit when unit is not null && unit != caller.Unit => null,
        Roles.MemberUnit => (caller.Unit, null),
        Roles.Subject => (unit, caller.Subject),
        _ => (unit, null),
    };

    /// <summary>A canonical subject code (unified social credit code or resident ID number); null when acceptable.</summary>
    public static string? SubjectCodeError(string? code) => SubjectCode.ValidateAnyKind(code) is { IsValid: false } check ? check.Error : null;

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) => (ProblemHttpResult)AuthenticationSetup.ForbiddenObject(detail);

    public static NotFound<ProblemDetails> NotFound(string what, string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = $"{what} not found", Detail = $"No {what.ToLowerInvariant()} {id}." });

    /// <summary>
    /// The target is not (yet) known here: nothing is stored, and the caller may try again shortly — the record may have been
    /// accepted a moment ago and not have reached the repair service. 409 rather than 503, which the gateway's circuit counts.
    /// </summary>
    public static ProblemHttpResult NotYetKnown(HttpContext http, string what)
    {
        http.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Target not known yet",
            detail: $"No {what} is known here yet: it does not exist, or it was accepted moments ago and has not reached the repair service. "
                    + "Nothing was stored; try again in a few seconds.",
            extensions: new Dictionary<string, object?> { ["retryable"] = true });
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, string Hash);

    public static IReadOnlyList<HistoryEntry> History(IReadOnlyList<CreditMesh.EventSourcing.HistoryEvent> events) =>
        events.Select(e => new HistoryEntry(e.Version, e.Type, e.At, e.Actor, e.HashHex)).ToList();
}
