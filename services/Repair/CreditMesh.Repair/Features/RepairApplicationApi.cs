using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using System.ComponentModel.DataAnnotations;
using CreditMesh.Calendar;
using CreditMesh.Identifiers;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.Repair.Domain.Targets;
using CreditMesh.Repair.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>POST /api/v1/repairs: a subject (own code) or the credit centre applies; eligibility is explained at once (DESIGN §4.5).</summary>
public static class RepairApplicationApi
{
    /// <summary>DESIGN §7: at most 20 items of evidence.</summary>
    public const int MaxEvidence = 20;

    public sealed record TargetRef([property: MaxLength(TextLimits.Identifier)] string? Kind, [property: MaxLength(TextLimits.Identifier)] string? Id);
    public sealed record EvidenceItem([property: MaxLength(TextLimits.Name)] string? Type, [property: MaxLength(TextLimits.Reason)] string? Description,
        [property: MaxLength(TextLimits.Name)] string? Reference);
    public sealed record ApplicationRequest([property: MaxLength(TextLimits.Identifier)] string? SubjectCode, TargetRef? Target,
        [property: MaxLength(TextLimits.Statement)] string? Commitment, [property: MaxLength(MaxEvidence)] IReadOnlyList<EvidenceItem?>? Evidence);
    public sealed record EligibilityDto(bool Eligible, IReadOnlyList<string> Reasons, DateOnly? EligibleFrom);
    public sealed record ApplicationResponse(string RepairId, string Status, EligibilityDto Eligibility);

    public static IEndpointRouteBuilder MapRepairApplicationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/repairs", ApplyAsync).RequireRoles(Roles.Subject, Roles.CreditCenter).WithAccessLog("repair-apply").WithTags("Repairs");
        return app;
    }

    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        ApplicationRequest? body, HttpContext http, CaseStore cases, TargetDirectory targets, NpgsqlDataSource dataSource,
        WorkingDayCalendar calendar, IOptions<RepairOptions> options, CancellationToken ct)
    {
        var errors = Validate(body, out var kind);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var subjectCode = SubjectCode.ValidateAnyKind(body!.SubjectCode).Normalized;
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(subjectCode))
            return CaseAccess.Forbidden("A subject applies for repair of its own records and entries only.");
        var targetId = body.Target!.Id!.Trim();
        var evidence = body.Evidence!.Select(e => new Evidence(e!.Type!.Trim(), e.Description!.Trim(), e.Reference?.Trim())).ToList();
        var repairId = CaseStore.IdFor(http);
        for (var attempt = 1; ; attempt++)
        {
            var target = await targets.AwaitKnownAsync(kind, targetId, options.Value.UnknownTargetWait, ct);
            // Not known yet is not ineligible: nothing is stored, the subject tries again (issue 18 defect a).
            if (target is null) return CaseAccess.NotYetKnown(http, RepairTarget.Describe(kind, targetId));
            var eligibility = EligibilityRules.Check(target, kind, targetId, subjectCode, await OpenCaseAsync(dataSource, kind, targetId, ct),
                cases.Today, options.Value);
            var events = RepairDecider.Submit(repairId, subjectCode, kind, targetId, target, eligibility, body.Commitment!.Trim(), evidence,
                cases.Today, calendar, options.Value, cases.Now);
            try
            {
                await cases.StartAsync<RepairCase>(CaseStore.RepairStream(repairId), events, http.ToEventMetadata(), ct);
            }
            catch (Exception e) when (StreamWriting.Violates(e, RepairQueueProjection.OneOpenCasePerTarget) && attempt == 1)
            {
                continue; // Another application for the same target was opened meanwhile: judge again, it will say so.
            }
            catch (Exception e) when (StreamWriting.IsConcurrency(e))
            {
                return await RepeatedAsync(cases, repairId, subjectCode, kind, targetId, ct);
            }
            var status = eligibility.Eligible ? RepairStatus.Submitted : RepairStatus.Rejected;
            http.Response.SetVersion(events.Count);
            return TypedResults.Created($"/api/v1/repairs/{repairId}", new ApplicationResponse(repairId, status.ToString(),
                new EligibilityDto(eligibility.Eligible, eligibility.Reasons, eligibility.EligibleFrom)));
        }
    }

    /// <summary>The same Idempotency-Key again: the case it created, as it stands now; the key reused for another application is a 409.</summary>
    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> RepeatedAsync(
        CaseStore cases, string repairId, string subjectCode, TargetKind kind, string targetId, CancellationToken ct)
    {
        var (existing, _) = await cases.LoadAsync<RepairCase>(CaseStore.RepairStream(repairId), ct);
        if (existing is null || (existing.SubjectCode, existing.TargetKind, existing.TargetId) != (subjectCode, kind, targetId))
            return CaseAccess.Conflict("This Idempotency-Key was used for another application.");
        return TypedResults.Ok(new ApplicationResponse(repairId, existing.Status.ToString(), new EligibilityDto(existing.Status != RepairStatus.Rejected,
            existing.Reasons ?? [], existing.EligibleFrom)));
    }

    private static Dictionary<string, string[]> Validate(ApplicationRequest? body, out TargetKind kind)
    {
        kind = default;
        var errors = new Dictionary<string, string[]>();
        if (body is null) return new() { [""] = ["A JSON body is required."] };
        if (CaseAccess.SubjectCodeError(body.SubjectCode) is { } codeError) errors["subjectCode"] = [codeError];
        if (body.Target?.Kind is not (TargetKinds.Record or TargetKinds.ListEntry))
            errors["target.kind"] = ["target.kind must be Record or ListEntry."];
        else kind = Enum.Parse<TargetKind>(body.Target.Kind);
        if (string.IsNullOrWhiteSpace(body.Target?.Id)) errors["target.id"] = ["target.id is required."];
        if (string.IsNullOrWhiteSpace(body.Commitment)) errors["commitment"] = ["commitment is required: the credit commitment (信用修复承诺书)."];
        if (body.Evidence is null || body.Evidence.Count == 0)
            errors["evidence"] = ["evidence is required: at least one proof that obligations are fulfilled."];
        else
            for (var i = 0; i < body.Evidence.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(body.Evidence[i]?.Type)) errors[$"evidence[{i}].type"] = ["type is required."];
                if (string.IsNullOrWhiteSpace(body.Evidence[i]?.Description)) errors[$"evidence[{i}].description"] = ["description is required."];
            }
        return errors;
    }

    private static async Task<string?> OpenCaseAsync(NpgsqlDataSource dataSource, TargetKind kind, string targetId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select repair_id from repair_cases where target_kind = $1 and target_id = $2 and status in ('Submitted', 'Accepted')");
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = targetId });
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
