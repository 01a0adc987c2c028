using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using CreditMesh.Identifiers;
using CreditMesh.Matching.Index;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditMesh.Matching.Features;

/// <summary>
/// POST /api/v1/match (approver, auditor; asOf only for auditors, DESIGN §7) and POST /api/v1/match/batch
/// (approver, up to 1,000 subjects for one matter). Every call is access-logged (查询留痕).
/// </summary>
public static class MatchApi
{
    public const int MaxBatch = 1000;

    public sealed record MatchRequest([property: MaxLength(TextLimits.Identifier)] string? SubjectCode,
        [property: MaxLength(TextLimits.Identifier)] string? MatterCode, DateTimeOffset? AsOf);
    public sealed record BatchRequest([property: MaxLength(TextLimits.Identifier)] string? MatterCode,
        [property: MaxLength(MaxBatch)] IReadOnlyList<string?>? SubjectCodes);
    public sealed record BatchResponse(IReadOnlyList<MatchResponse> Items);

    public static IEndpointRouteBuilder MapMatchApi(this IEndpointRouteBuilder app)
    {
        var match = app.MapGroup("/api/v1/match").WithTags("Match");
        match.MapPost("", MatchAsync).RequireRoles(Roles.Approver, Roles.Auditor).WithAccessLog("match");
        match.MapPost("/batch", BatchAsync).RequireRoles(Roles.Approver).WithAccessLog("match-batch");
        return app;
    }

    private static async Task<IResult> MatchAsync(MatchRequest body, HttpContext http, Matcher matcher, IndexTailer tailer, TimeProvider time,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (body.AsOf is not null && caller.Role != Roles.Auditor)
            return AuthenticationSetup.ForbiddenObject("Only auditors re-run a match as of a past instant (asOf).");
        var errors = new Dictionary<string, string[]>();
        var subject = SubjectCode.ValidateAnyKind(body.SubjectCode);
        if (!subject.IsValid) errors["subjectCode"] = [subject.Error!];
        if (body.AsOf is { } asOf && asOf > time.GetUtcNow()) errors["asOf"] = ["asOf must not be in the future."];
        CheckMatter(matcher, body.MatterCode, body.AsOf, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (body.AsOf is null && !tailer.Ready) return NotReady();
        var (answers, log) = await matcher.MatchAsync([subject.Normalized], body.MatterCode!, body.AsOf, caller, ct);
        return new LoggedResult<MatchResponse>(answers[0], log);
    }

    private static async Task<IResult> BatchAsync(BatchRequest body, HttpContext http, Matcher matcher, IndexTailer tailer, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var codes = body.SubjectCodes ?? [];
        // More than MaxBatch is refused while the body is read ([MaxLength], ADR 0012).
        if (codes.Count == 0) errors["subjectCodes"] = ["subjectCodes needs at least one subject code."];
        var normalized = new List<string>(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            var check = SubjectCode.ValidateAnyKind(codes[i]);
            if (check.IsValid) normalized.Add(check.Normalized);
            else errors[$"subjectCodes[{i}]"] = [check.Error!];
        }
        CheckMatter(matcher, body.MatterCode, null, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!tailer.Ready) return NotReady();
        var (answers, log) = await matcher.MatchAsync(normalized, body.MatterCode!, null, Caller.From(http.User), ct);
        return new LoggedResult<BatchResponse>(new BatchResponse(answers), log);
    }

    private static void CheckMatter(Matcher matcher, string? matterCode, DateTimeOffset? asOf, Dictionary<string, string[]> errors)
    {
        var version = matcher.CatalogueAt(asOf);
        if (version is null) errors["asOf"] = ["No measures catalogue was in force at asOf."];
        else if (string.IsNullOrWhiteSpace(matterCode)) errors["matterCode"] = ["matterCode is required."];
        else if (!version.Knows(matterCode))
            errors["matterCode"] = [$"Unknown matter {matterCode} in catalogue {version.Version}; see GET /api/v1/measures."];
    }

    /// <summary>A replica answers only once its index has caught up (DESIGN §6); until then the gateway's readiness routes elsewhere.</summary>
    private static IResult NotReady() => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Index catching up",
        detail: "This replica's list index is still loading; retry shortly.");
}
