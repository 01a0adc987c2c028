using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CreditMesh.Repair.Features;

/// <summary>POST /api/v1/repairs/{id}/acceptance and /decision: the deciding unit or the credit centre (谁认定、谁修复).</summary>
public static class RepairDecisionApi
{
    public sealed record DecisionRequest(bool? Approved, [property: MaxLength(TextLimits.Name)] string? DecisionNumber,
        [property: MaxLength(TextLimits.Reason)] string? Reason);
    public sealed record StatusResponse(string RepairId, string Status, DateOnly? DecisionDue, long Version);

    public static IEndpointRouteBuilder MapRepairDecisionApi(this IEndpointRouteBuilder app)
    {
        var repairs = app.MapGroup("/api/v1/repairs").WithTags("Repairs");
        repairs.MapPost("/{id}/acceptance", AcceptAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter).WithAccessLog("repair-accept", "id");
        repairs.MapPost("/{id}/decision", DecideAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter).WithAccessLog("repair-decide", "id");
        return app;
    }

    private static Task<Results<Ok<StatusResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> AcceptAsync(string id,
        HttpContext http, CaseStore cases, WorkingDayCalendar calendar, IOptions<RepairOptions> options, CancellationToken ct) =>
        TransitionAsync(id, http, cases, ct, (repair, party) => RepairDecider.Accept(repair, party, cases.Today, calendar, options.Value, cases.Now));

    private static async Task<Results<Ok<StatusResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> DecideAsync(string id,
        DecisionRequest? body, HttpContext http, CaseStore cases, CancellationToken ct)
    {
        if (body?.Approved is not { } approved) return CaseAccess.Invalid("approved", "approved is required: true to approve, false to deny.");
        if (approved && string.IsNullOrWhiteSpace(body.DecisionNumber))
            return CaseAccess.Invalid("decisionNumber", "decisionNumber is required to approve: the repair decision document number.");
        if (!approved && string.IsNullOrWhiteSpace(body.Reason)) return CaseAccess.Invalid("reason", "reason is required to deny: tell the subject why.");
        return await TransitionAsync(id, http, cases, ct,
            (repair, party) => RepairDecider.Decide(repair, party, approved, body.DecisionNumber, body.Reason, cases.Now));
    }

    /// <summary>The one write path: the case must exist, the decider judges it for the calling party, If-Match is honoured.</summary>
    private static async Task<Results<Ok<StatusResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> TransitionAsync(string id,
        HttpContext http, CaseStore cases, CancellationToken ct, Func<RepairCase, DecidingParty, Decision> decide)
    {
        var party = CaseAccess.PartyOf(Caller.From(http.User));
        var written = await cases.DecideAsync<RepairCase>(CaseStore.RepairStream(id), repair => repair is null ? Decision.NotFound("id", id) : decide(repair, party),
            http.ToEventMetadata(), ct, http.IfMatchVersion());
        if (written.Decision is Decision.Rejected rejected)
            return rejected.Why.Kind == RejectionKind.NotFound ? CaseAccess.NotFound("Repair", id) : rejected.Why.Problem();
        http.Response.SetVersion(written.Version);
        return TypedResults.Ok(new StatusResponse(id, written.State!.Status.ToString(), written.State.DecisionDue, written.Version));
    }
}
