using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;
using CreditMesh.Evaluation.Projections;
using CreditMesh.Identifiers;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Evaluation.Features;

/// <summary>
/// 公共信用综合评价 (DESIGN §4.7, §5.2): a subject's evaluation now or as of an instant (auditors and the credit centre) with its
/// explanation, computed at read time from the subject's facts under the model version in force then; the model; the grade
/// distribution; and the public's grade-only view for the disclosure page (ADR 0017).
/// </summary>
public static class EvaluationsApi
{
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/evaluations").WithTags("Evaluations");
        group.MapGet("/model", Model).RequireAuthorization();
        group.MapGet("/statistics", StatisticsAsync).RequireRoles(Roles.CreditCenter, Roles.Auditor);
        group.MapGet("/{code}", GetAsync).RequireRoles(Roles.CreditCenter, Roles.Auditor, Roles.MemberUnit, Roles.Approver, Roles.Subject)
            .WithAccessLog("evaluation", "code");
        // Anonymous on purpose, like disclosures: the grade is public (信用公示); the gateway rate-limits it per address.
        group.MapGet("/{code}/grade", PublicGradeAsync).AllowAnonymous().WithAccessLog("evaluation-grade", "code");
        return app;
    }

    private static async Task<IResult> GetAsync(string code, DateTimeOffset? asOf, HttpContext http, SubjectEvaluations evaluations, TimeProvider time,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var subject = SubjectCode.ValidateAnyKind(code);
        if (!subject.IsValid) return Invalid("code", subject.Error!);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(subject.Normalized))
            return AuthenticationSetup.ForbiddenObject("A subject sees its own evaluation only.");
        if (asOf is not null && !caller.IsIn(Roles.Auditor, Roles.CreditCenter))
            return AuthenticationSetup.ForbiddenObject("Only auditors and the credit centre evaluate as of a past instant (asOf).");
        var now = time.GetUtcNow();
        if (asOf > now) return Invalid("asOf", "asOf must not be in the future.");
        var at = asOf ?? now;
        if (evaluations.Model.At(at) is not { } model) return Invalid("asOf", "No evaluation model was in force at asOf.");
        if (await evaluations.FactsAsync(subject.Normalized, at, ct) is not { } facts)
            return new Rejection(RejectionKind.NotFound, "code", asOf is null
                ? $"The platform has no credit information on subject {subject.Normalized}."
                : $"The platform had no credit information on subject {subject.Normalized} at {at:O}.").Problem();
        return TypedResults.Ok(EvaluationResponse.Of(Evaluator.Evaluate(facts, model, at)));
    }

    private static async Task<IResult> PublicGradeAsync(string code, SubjectEvaluations evaluations, TimeProvider time, CancellationToken ct)
    {
        var subject = SubjectCode.ValidateAnyKind(code);
        if (!subject.IsValid) return Invalid("code", subject.Error!);
        var now = time.GetUtcNow();
        // A person's grade is not published: the public sees organisations' grades only (DESIGN §7, ADR 0017).
        var person = ResidentIdNumber.Validate(subject.Normalized).IsValid;
        if (person || evaluations.Model.At(now) is not { } model || await evaluations.FactsAsync(subject.Normalized, now, ct) is not { } facts)
            return new Rejection(RejectionKind.NotFound, "code", $"No grade is published for subject {subject.Normalized}.").Problem();
        var evaluation = Evaluator.Evaluate(facts, model, now);
        return TypedResults.Ok(new PublicGradeResponse(evaluation.SubjectCode, evaluation.Grade,
            model.Grades.Single(g => g.Grade == evaluation.Grade).Name, evaluation.ModelVersion, now));
    }

    private static Results<Ok<ModelResponse>, ProblemHttpResult> Model(SubjectEvaluations evaluations, TimeProvider time) =>
        evaluations.Model.At(time.GetUtcNow()) is { } inForce
            ? TypedResults.Ok(ModelResponse.Of(inForce, evaluations.Model))
            : new Rejection(RejectionKind.NotFound, "version", "No evaluation model is in force yet.").Problem();

    private static async Task<IResult> StatisticsAsync(string? kind, string? region, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        if (kind is not null && (!Enum.TryParse<SubjectKind>(kind, out var parsed) || !Enum.IsDefined(parsed) || parsed.ToString() != kind))
            return Invalid("kind", $"kind must be one of {string.Join(", ", Enum.GetNames<SubjectKind>())}.");
        if (region is not null && (region.Length != 6 || region.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0))
            return Invalid("region", "region is the 6-digit administrative division code (positions 3–8 of a credit code).");
        await using var command = dataSource.CreateCommand("""
            select c.grade, c.model_version, count(*) from evaluation_current c left join evaluation_subjects s using (subject_code)
            where ($1::text is null or s.kind = $1) and ($2::text is null or c.region = $2) group by c.grade, c.model_version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var byGrade = Enum.GetValues<Grade>().ToDictionary(g => g, _ => 0L);
        var byVersion = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var count = reader.GetInt64(2);
                byGrade[Enum.Parse<Grade>(reader.GetString(0))] += count;
                byVersion[reader.GetString(1)] = byVersion.GetValueOrDefault(reader.GetString(1)) + count;
            }
        return TypedResults.Ok(new StatisticsResponse(kind, region, byGrade.Values.Sum(), byGrade, byVersion, time.GetUtcNow()));
    }

    internal static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
