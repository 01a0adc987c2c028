using System.ComponentModel.DataAnnotations;
using CreditMesh.EventSourcing;
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
        return await ChangeAsync(id, http, intake, ct, state =>
        {
            var (change, field, error) = RecordDecider.Correct(state, validation.Record!, intake.PublicityOf(validation.Record!), body.Reason!.Trim(), time.GetUtcNow());
            return field is null ? (change, null) : (null, (field, error!));
        });
    }

    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RevokeAsync(
        string id, RevocationRequest body, HttpContext http, RecordIntake intake, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["reason is required: name the decision that withdrew it."] });
        return await ChangeAsync(id, http, intake, ct, state => (RecordDecider.Revoke(state, body.Reason.Trim(), time.GetUtcNow()), null));
    }

    /// <summary>Loads the record, checks the caller owns it, appends the decided change with the version it was decided on.</summary>
    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ChangeAsync(
        string id, HttpContext http, RecordIntake intake, CancellationToken ct,
        Func<CreditRecordState, (object? Change, (string Field, string Error)? Refusal)> decide)
    {
        var (state, version) = await intake.LoadAsync(id, ct);
        if (state is null) return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Record not found", Detail = $"No record {id}." });
        if (!Caller.From(http.User).MayActForUnit(state.SourceUnit))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("Only the unit that submitted a record corrects or revokes it.");
        if (http.IfMatchVersion() is { } expected && expected != version) throw new ConcurrencyException(RecordIds.StreamId(id), expected, version);
        var (change, refusal) = decide(state);
        if (refusal is { } r)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: r.Error,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [r.Field] = [r.Error] } });
        if (change is not null)
        {
            await intake.AppendAsync(id, version, change, http.ToEventMetadata(), ct);
            (state, version) = (state.Apply(change), version + 1);
        }
        http.Response.SetVersion(version);
        return TypedResults.Ok(new ChangeResponse(id, state.Status.ToString(), version, PublicityDto.Of(state.Publicity)));
    }
}
