using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.Ingestion.Features;

/// <summary>POST /api/v1/records/{id}/corrections and /revocation: only the unit that owns the record (谁认定、谁负责).</summary>
public static class RecordChangesApi
{
    public sealed record CorrectionRequest([property: MaxLength(TextLimits.Reason)] string? Reason, CreditRecordSubmission? Record);
    public sealed record RevocationRequest([property: MaxLength(TextLimits.Reason)] string? Reason);
    public sealed record ChangeResponse(string RecordId, string Status, long Version, PublicityDto Publicity);

    public static IEndpointRouteBuilder MapRecordChangesApi(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/v1/records").WithTags("Records");
        records.MapPost("/{id}/corrections", CorrectAsync).RequireRoles(Roles.MemberUnit);
        records.MapPost("/{id}/revocation", RevokeAsync).RequireRoles(Roles.MemberUnit);
        return app;
    }

    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> CorrectAsync(
        string id, CorrectionRequest body, HttpContext http, RecordIntake intake, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["reason is required: say what was wrong."];
        var validation = RecordValidator.Validate(body.Record, intake.Today);
        foreach (var (field, messages) in validation.Errors) errors["record." + field] = messages;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await ChangeAsync(id, http, intake, ct,
            state => RecordDecider.Correct(state, validation.Record!, intake.PublicityOf(validation.Record!), body.Reason!.Trim(), time.GetUtcNow()));
    }

    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RevokeAsync(
        string id, RevocationRequest body, HttpContext http, RecordIntake intake, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["reason is required: name the decision that withdrew it."] });
        return await ChangeAsync(id, http, intake, ct, state => RecordDecider.Revoke(state, body.Reason.Trim(), time.GetUtcNow()));
    }

    /// <summary>The one write path: the record must exist and belong to the caller's unit, then the decision runs (If-Match honoured).</summary>
    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ChangeAsync(
        string id, HttpContext http, RecordIntake intake, CancellationToken ct, Func<CreditRecordState, Decision> decide)
    {
        var caller = Caller.From(http.User);
        var written = await intake.ChangeAsync(id, state => state switch
        {
            null => Decision.NotFound("id", $"No record {id}."),
            _ when !caller.MayActForUnit(state.SourceUnit) => Decision.Forbidden("id", "Only the unit that submitted a record corrects or revokes it."),
            _ => decide(state),
        }, http.ToEventMetadata(), ct, http.IfMatchVersion());
        if (written.Decision is Decision.Rejected rejected)
            return rejected.Why.Kind == RejectionKind.NotFound
                ? TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Record not found", Detail = rejected.Why.Reason })
                : rejected.Why.Problem();
        http.Response.SetVersion(written.Version);
        return TypedResults.Ok(new ChangeResponse(id, written.State!.Status.ToString(), written.Version, PublicityDto.Of(written.State, intake.Today)));
    }
}
