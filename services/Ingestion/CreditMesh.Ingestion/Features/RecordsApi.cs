using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing.Http;
using System.ComponentModel.DataAnnotations;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.Ingestion.Features;

/// <summary>/api/v1/records and /api/v1/catalog (DESIGN §5): member units submit records; owners, auditors and the credit centre read them.</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/catalog", () => TypedResults.Ok(Catalogue.Response)).RequireRoles([.. Roles.All]).WithTags("Catalogue");
        var records = app.MapGroup("/api/v1/records").WithTags("Records");
        records.MapPost("/", SubmitAsync).RequireRoles(Roles.MemberUnit);
        records.MapPost("/batch", SubmitBatchAsync).RequireRoles(Roles.MemberUnit);
        records.MapGet("/{id}", GetAsync).RequireRoles(Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter);
        records.MapGet("/{id}/history", HistoryAsync).RequireRoles(Roles.MemberUnit, Roles.Auditor, Roles.CreditCenter)
            .WithAccessLog("record-history", "id");
        return app;
    }

    private static async Task<Results<Created<SubmissionResponse>, Ok<SubmissionResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        CreditRecordSubmission? body, HttpContext http, RecordIntake intake, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var validation = RecordValidator.Validate(body, intake.Today);
        var errors = validation.IsValid ? PublicityErrors(intake, validation.Record) : validation.Errors;
        if (errors is not null)
        {
            await Projections.RecordQueries.CountRejectedAsync(dataSource, caller.Unit!, intake.Today, 1, ct);
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value));
        }
        var outcome = await intake.SubmitAsync(caller.Unit!, validation.Record!, http.ToEventMetadata(), ct);
        return outcome switch
        {
            SubmissionOutcome.Accept a => TypedResults.Created($"/api/v1/records/{a.Event.RecordId}",
                new SubmissionResponse(a.Event.RecordId, "Accepted", a.Event.Late, PublicityDto.Of(a.Event.Publicity, intake.Today))),
            SubmissionOutcome.Duplicate d => TypedResults.Ok(new SubmissionResponse(d.Existing.RecordId, "Duplicate", d.Existing.Late, PublicityDto.Of(d.Existing, intake.Today))),
            SubmissionOutcome.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Different content under an existing key",
                detail: $"Record {c.Existing.Record.SourceRecordId} of unit {c.Existing.SourceUnit} exists with other content; send a correction to change it.",
                extensions: new Dictionary<string, object?> { ["recordId"] = c.Existing.RecordId }),
            _ => throw new InvalidOperationException("Unknown submission outcome."),
        };
    }

    /// <summary>The publicity rules refuse what no rule version covers (e.g. decisions before the 2019 rules).</summary>
    private static IReadOnlyDictionary<string, string[]>? PublicityErrors(RecordIntake intake, CreditRecord record)
    {
        try
        {
            intake.PublicityOf(record);
            return null;
        }
        catch (ArgumentException e)
        {
            return new Dictionary<string, string[]> { ["decisionDate"] = [e.Message] };
        }
    }

    public const int MaxBatch = 1000;

    public sealed record BatchRequest([property: MaxLength(MaxBatch)] IReadOnlyList<CreditRecordSubmission?>? Records);
    public sealed record BatchItemResult(int Index, string? SourceRecordId, string Status, string? RecordId = null,
        IReadOnlyDictionary<string, string[]>? Errors = null);
    public sealed record BatchResponse(IReadOnlyList<BatchItemResult> Results);

    /// <summary>Up to 1,000 records: valid items are stored even when others are rejected, each with its own result.</summary>
    private static async Task<Results<Ok<BatchResponse>, ValidationProblem>> SubmitBatchAsync(
        BatchRequest body, HttpContext http, RecordIntake intake, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        // More than MaxBatch is refused while the body is read ([MaxLength], ADR 0012).
        if (body.Records is not { Count: > 0 } submissions)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["records"] = ["records must hold 1 to 1000 records."] });
        var today = intake.Today;
        var results = new BatchItemResult?[submissions.Count];
        var valid = new List<(int Index, CreditRecord Record)>();
        for (var i = 0; i < submissions.Count; i++)
        {
            var validation = RecordValidator.Validate(submissions[i], today);
            var errors = validation.IsValid ? PublicityErrors(intake, validation.Record) : validation.Errors;
            if (errors is null) valid.Add((i, validation.Record!));
            else results[i] = new BatchItemResult(i, submissions[i]?.SourceRecordId, "Rejected", Errors: errors);
        }
        var outcomes = await intake.SubmitBatchAsync(Caller.From(http.User).Unit!, valid.Select(v => v.Record).ToList(), http.ToEventMetadata(), ct);
        for (var j = 0; j < valid.Count; j++)
        {
            var (index, record) = valid[j];
            results[index] = outcomes[j] switch
            {
                SubmissionOutcome.Accept a => new BatchItemResult(index, record.SourceRecordId, "Accepted", a.Event.RecordId),
                SubmissionOutcome.Duplicate d => new BatchItemResult(index, record.SourceRecordId, "Duplicate", d.Existing.RecordId),
                SubmissionOutcome.Conflict c => new BatchItemResult(index, record.SourceRecordId, "Rejected", c.Existing.RecordId,
                    new Dictionary<string, string[]> { ["sourceRecordId"] = ["A record with this key exists with other content; send a correction to change it."] }),
                _ => throw new InvalidOperationException("Unknown submission outcome."),
            };
        }
        await Projections.RecordQueries.CountRejectedAsync(dataSource, Caller.From(http.User).Unit!, today,
            results.Count(r => r!.Status == "Rejected"), ct);
        return TypedResults.Ok(new BatchResponse(results.Select(r => r!).ToList()));
    }

    private static async Task<Results<Ok<RecordResponse>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, RecordIntake intake, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (state, version) = await intake.LoadAsync(id, ct);
        if (state is not null) state = state with { UnderObjection = await Projections.RecordQueries.IsUnderObjectionAsync(dataSource, id, ct) };
        if (state is null) return NotFound(id);
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.MemberUnit && !caller.MayActForUnit(state.SourceUnit))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A member unit reads only the records it submitted.");
        http.Response.SetVersion(version);
        return TypedResults.Ok(RecordResponse.From(state, version, intake.Today));
    }

    public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, string Hash);

    private static async Task<Results<Ok<HistoryPage>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(
        string id, HttpContext http, RecordIntake intake, CancellationToken ct)
    {
        var (state, _) = await intake.LoadAsync(id, ct);
        if (state is null) return NotFound(id);
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.MemberUnit && !caller.MayActForUnit(state.SourceUnit))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A member unit reads only the history of records it submitted.");
        var events = await intake.HistoryAsync(id, ct);
        return TypedResults.Ok(new HistoryPage(id, events.Select(e => new HistoryEntry(e.Version, e.Type, e.At, e.Actor, e.HashHex)).ToList()));
    }

    public sealed record HistoryPage(string RecordId, IReadOnlyList<HistoryEntry> Items);

    private static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Record not found", Detail = $"No record {id}." });
}
