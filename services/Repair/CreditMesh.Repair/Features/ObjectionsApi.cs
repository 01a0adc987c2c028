using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Objections;
using CreditMesh.Repair.Domain.Targets;
using CreditMesh.Repair.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>
/// POST /api/v1/objections (the subject, own code) and /{id}/resolution (the owning unit or the credit centre, ADR 0009):
/// while open, disclosure shows the record "under objection"; upheld → corrected or revoked, rejected → no change (DESIGN §4.5).
/// </summary>
public static class ObjectionsApi
{
    public sealed record ObjectionRequest([property: MaxLength(TextLimits.Identifier)] string? SubjectCode, RepairApplicationApi.TargetRef? Target,
        [property: MaxLength(TextLimits.Statement)] string? Grounds);
    public sealed record ResolutionRequest(bool? Upheld, [property: MaxLength(TextLimits.Identifier)] string? Action,
        [property: MaxLength(TextLimits.Statement)] string? Correction, [property: MaxLength(TextLimits.Reason)] string? Reason);
    public sealed record ObjectionStatusResponse(string ObjectionId, string Status, long Version);

    public static IEndpointRouteBuilder MapObjectionsApi(this IEndpointRouteBuilder app)
    {
        var objections = app.MapGroup("/api/v1/objections").WithTags("Objections");
        objections.MapPost("", RaiseAsync).RequireRoles(Roles.Subject).WithAccessLog("objection-raise");
        objections.MapPost("/{id}/resolution", ResolveAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter).WithAccessLog("objection-resolve", "id");
        return app;
    }

    private static async Task<Results<Created<ObjectionStatusResponse>, Ok<ObjectionStatusResponse>, ValidationProblem, ProblemHttpResult>> RaiseAsync(
        ObjectionRequest? body, HttpContext http, CaseStore cases, TargetDirectory targets, NpgsqlDataSource dataSource,
        Microsoft.Extensions.Options.IOptions<RepairOptions> options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (CaseAccess.SubjectCodeError(body?.SubjectCode) is { } codeError) errors["subjectCode"] = [codeError];
        if (body?.Target?.Kind is not (TargetKinds.Record or TargetKinds.ListEntry)) errors["target.kind"] = ["target.kind must be Record or ListEntry."];
        if (string.IsNullOrWhiteSpace(body?.Target?.Id)) errors["target.id"] = ["target.id is required."];
        if (string.IsNullOrWhiteSpace(body?.Grounds)) errors["grounds"] = ["grounds is required: say what is wrong and why."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var subjectCode = SubjectCode.ValidateAnyKind(body!.SubjectCode).Normalized;
        if (!Caller.From(http.User).IsSubjectItself(subjectCode))
            return CaseAccess.Forbidden("A subject objects to its own records and entries only.");
        var (kind, targetId) = (Enum.Parse<TargetKind>(body.Target!.Kind!), body.Target.Id!.Trim());
        var objectionId = CaseStore.IdFor(http);
        var target = await targets.AwaitKnownAsync(kind, targetId, options.Value.UnknownTargetWait, ct);
        if (target?.OwnerUnit is null) return CaseAccess.NotYetKnown(http, RepairTarget.Describe(kind, targetId));
        var (raised, refusal) = ObjectionDecider.Raise(objectionId, subjectCode, kind, targetId, target, body.Grounds!.Trim(), cases.Now);
        if (raised is null) return CaseAccess.Invalid("target.id", refusal!);
        // One open objection per target (ADR 0012): the first is answered before another is raised; a retry of it is not another.
        if (await ObjectionQueueProjection.OpenOnAsync(dataSource, kind, targetId, ct) is { } open && open != objectionId) return AlreadyOpen();
        try
        {
            await cases.StartAsync<Objection>(CaseStore.ObjectionStream(objectionId), [raised], http.ToEventMetadata(), ct);
        }
        catch (Exception e) when (StreamWriting.Violates(e, ObjectionQueueProjection.OneOpenPerTarget))
        {
            return AlreadyOpen(); // raised at the same moment by another request
        }
        catch (Exception e) when (StreamWriting.IsConcurrency(e))
        {
            // The same Idempotency-Key again: the objection it opened, unless the key was used for another target.
            var (existing, version) = await cases.LoadAsync<Objection>(CaseStore.ObjectionStream(objectionId), ct);
            if (existing is null || (existing.TargetKind, existing.TargetId) != (kind, targetId))
                return CaseAccess.Conflict("This Idempotency-Key was used for another objection.");
            return TypedResults.Ok(new ObjectionStatusResponse(objectionId, existing.Status.ToString(), version));
        }
        http.Response.SetVersion(1);
        return TypedResults.Created($"/api/v1/objections/{objectionId}", new ObjectionStatusResponse(objectionId, ObjectionStatus.Open.ToString(), 1));
    }

    private static ProblemHttpResult AlreadyOpen() =>
        CaseAccess.Conflict("An objection to this record or entry is already open; it is answered before another can be raised.");

    private static async Task<Results<Ok<ObjectionStatusResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ResolveAsync(
        string id, ResolutionRequest? body, HttpContext http, CaseStore cases, CancellationToken ct)
    {
        if (body?.Upheld is not { } upheld) return CaseAccess.Invalid("upheld", "upheld is required: true when the objection is well founded.");
        if (!Enum.TryParse<ObjectionAction>(body.Action, out var action) || !Enum.IsDefined(action))
            return CaseAccess.Invalid("action", "action must be Correct, Revoke or None.");
        if (upheld == (action == ObjectionAction.None))
            return CaseAccess.Invalid("action", upheld ? "An upheld objection leads to Correct or Revoke." : "A rejected objection changes nothing: action None.");
        if (string.IsNullOrWhiteSpace(body.Reason)) return CaseAccess.Invalid("reason", "reason is required: the subject is told why.");
        var party = CaseAccess.PartyOf(Caller.From(http.User));
        var written = await cases.DecideAsync<Objection>(CaseStore.ObjectionStream(id), objection => objection is null
                ? Decision.NotFound("id", id)
                : ObjectionDecider.Settle(objection, party, upheld, action, body.Correction?.Trim(), body.Reason.Trim(), cases.Now),
            http.ToEventMetadata(), ct, http.IfMatchVersion());
        if (written.Decision is Decision.Rejected rejected)
            return rejected.Why.Kind == RejectionKind.NotFound ? CaseAccess.NotFound("Objection", id) : rejected.Why.Problem();
        http.Response.SetVersion(written.Version);
        return TypedResults.Ok(new ObjectionStatusResponse(id, written.State!.Status.ToString(), written.Version));
    }
}
