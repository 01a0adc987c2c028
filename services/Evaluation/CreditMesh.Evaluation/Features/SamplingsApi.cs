using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Sampling;
using CreditMesh.Identifiers;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Marten;
using Npgsql;

namespace CreditMesh.Evaluation.Features;

/// <summary>
/// 双随机 graded sampling (DESIGN §4.7, §5.2): POST /api/v1/supervision/samplings draws per grade from the subjects given (member
/// units, the credit centre) and stores the draw as an event; GET …/{id} shows a past draw to the unit that drew, the credit
/// centre and auditors. Subjects are graded by their last published evaluation; a code the platform has never seen is a subject
/// with no credit information and has the base score's grade.
/// </summary>
public static class SamplingsApi
{
    public const int MaxSubjects = 10_000;

    public sealed record DrawRequest([property: MaxLength(MaxSubjects)] IReadOnlyList<string?>? SubjectCodes, decimal? BaseRatio,
        [property: MaxLength(TextLimits.Identifier)] string? Seed, [property: MaxLength(TextLimits.Name)] string? Purpose);

    public sealed record SelectedSubject(string SubjectCode, Grade Grade);

    /// <summary>A draw as DESIGN §5.2 gives it, with who drew it, when and why.</summary>
    public sealed record SamplingResponse(string SamplingId, string Seed, string ModelVersion, decimal BaseRatio, IReadOnlyDictionary<string, decimal> Ratios,
        IReadOnlyDictionary<string, GradeCount> Counts, IReadOnlyList<SelectedSubject> Selected, string Purpose, DateTimeOffset DrawnAt, string? DrawnBy)
    {
        public static SamplingResponse Of(SampleDrawn d) => new(d.SamplingId, d.Seed, d.ModelVersion, d.BaseRatio, d.Ratios, d.Counts,
            d.Selected.Select(s => new SelectedSubject(s.SubjectCode, s.Grade)).ToList(), d.Purpose, d.DrawnAt, d.DrawnByUnit ?? d.DrawnByRole);
    }

    public static IEndpointRouteBuilder MapSamplingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/supervision/samplings").WithTags("Supervision");
        group.MapPost("", DrawAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter).WithAccessLog("sampling-draw");
        group.MapGet("/{id}", GetAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter, Roles.Auditor).WithAccessLog("sampling", "id");
        return app;
    }

    private static async Task<IResult> DrawAsync(DrawRequest body, HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource,
        SubjectEvaluations evaluations, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var codes = Codes(body.SubjectCodes, errors);
        if (body.BaseRatio is not { } ratio || ratio <= 0 || ratio > 1) errors["baseRatio"] = ["baseRatio is required, greater than 0 and at most 1."];
        if (string.IsNullOrWhiteSpace(body.Purpose)) errors["purpose"] = ["purpose is required: what the inspection is for (e.g. 2026年第四季度双随机抽查)."];
        var now = time.GetUtcNow();
        var model = evaluations.Model.At(now);
        if (model is null) errors["baseRatio"] = ["No evaluation model is in force, so subjects cannot be graded."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = http.IdFor();
        var caller = Caller.From(http.User);
        var seed = string.IsNullOrWhiteSpace(body.Seed) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : body.Seed.Trim();
        var population = await GradesAsync(dataSource, codes, model!, ct);
        var result = SamplingDraw.Run(population, body.BaseRatio!.Value, seed, model!);
        var drawn = new SampleDrawn(id, caller.Unit, caller.User, caller.Role, body.Purpose!.Trim(), seed, model!.Version, body.BaseRatio.Value, population,
            result.Ratios.ToDictionary(r => r.Key.ToString(), r => r.Value), result.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
            result.Selected, now);
        try
        {
            await using var session = await store.OpenWriteSessionAsync(http.ToEventMetadata(), ct);
            session.Events.StartStream<Sampling>(EvaluationStreams.Sampling(id), drawn);
            await session.CommitAsync(ct);
        }
        catch (Exception e) when (StreamWriting.IsConcurrency(e))
        {
            // The same Idempotency-Key again: the draw it made, unless the key was used for other inputs.
            var (existing, _) = await store.LoadAsync<Sampling>(EvaluationStreams.Sampling(id), ct);
            if (existing is null || !SameInputs(existing.Drawn, drawn, seedGiven: !string.IsNullOrWhiteSpace(body.Seed)))
                return new Rejection(RejectionKind.Conflict, "Idempotency-Key", "This Idempotency-Key was used for another draw.").Problem();
            return TypedResults.Ok(SamplingResponse.Of(existing.Drawn));
        }
        return TypedResults.Created($"/api/v1/supervision/samplings/{id}", SamplingResponse.Of(drawn));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (id.Length > TextLimits.Identifier) return EvaluationsApi.Invalid("id", "Unknown sampling id format.");
        var (sampling, _) = await store.LoadAsync<Sampling>(EvaluationStreams.Sampling(id), ct);
        if (sampling is null) return new Rejection(RejectionKind.NotFound, "id", $"No sampling {id}.").Problem();
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.MemberUnit && caller.Unit != sampling.Drawn.DrawnByUnit)
            return AuthenticationSetup.ForbiddenObject("A member unit sees the draws it made itself.");
        return TypedResults.Ok(SamplingResponse.Of(sampling.Drawn));
    }

    /// <summary>The codes, normalized, each valid and given once; errors name each bad item (subjectCodes[i]).</summary>
    private static List<string> Codes(IReadOnlyList<string?>? input, Dictionary<string, string[]> errors)
    {
        var codes = input ?? [];
        // More than MaxSubjects is refused while the body is read ([MaxLength], ADR 0012).
        if (codes.Count == 0) errors["subjectCodes"] = [$"subjectCodes needs 1 to {MaxSubjects:N0} subject codes."];
        var normalized = new List<string>(codes.Count);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var check = SubjectCode.ValidateAnyKind(codes[i]);
            if (!check.IsValid) errors[$"subjectCodes[{i}]"] = [check.Error!];
            else if (!first.TryAdd(check.Normalized, i)) errors[$"subjectCodes[{i}]"] = [$"{check.Normalized} is given twice (also subjectCodes[{first[check.Normalized]}])."];
            else normalized.Add(check.Normalized);
        }
        return normalized;
    }

    /// <summary>Each subject with its last published grade, in the order given; one never seen has the base score's grade.</summary>
    private static async Task<List<SampledSubject>> GradesAsync(NpgsqlDataSource dataSource, List<string> codes, ModelVersion model, CancellationToken ct)
    {
        var grades = new Dictionary<string, Grade>(codes.Count, StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("select subject_code, grade from evaluation_current where subject_code = any($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = codes.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) grades[reader.GetString(0)] = Enum.Parse<Grade>(reader.GetString(1));
        }
        var unrated = model.GradeOf(model.BaseScore);
        return codes.Select(c => new SampledSubject(c, grades.GetValueOrDefault(c, unrated))).ToList();
    }

    /// <summary>A retry without a seed got a new random one: the seed the first request drew with stands.</summary>
    private static bool SameInputs(SampleDrawn a, SampleDrawn b, bool seedGiven) =>
        (!seedGiven || a.Seed == b.Seed) && a.BaseRatio == b.BaseRatio && a.Purpose == b.Purpose
        && a.Population.Select(p => p.SubjectCode).SequenceEqual(b.Population.Select(p => p.SubjectCode));
}
