using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;
using Marten;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.ComponentModel.DataAnnotations;
using CreditMesh.ServiceDefaults.Json;

namespace CreditMesh.Registry.Features;

/// <summary>/api/v1/subjects: register, read and resolve credit subjects (DESIGN §5), plus changes to them.</summary>
public static class SubjectsApi
{
    public static IEndpointRouteBuilder MapSubjectsApi(this IEndpointRouteBuilder app)
    {
        var subjects = app.MapGroup("/api/v1/subjects").WithTags("Subjects");
        subjects.MapPost("/", RegisterAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter);
        subjects.MapGet("/resolve", ResolveAsync).RequireRoles([.. Roles.All]);
        subjects.MapGet("/{code}", GetAsync).RequireRoles([.. Roles.All]);
        subjects.MapPut("/{code}", UpdateAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter);
        subjects.MapPost("/{code}/legacy-codes", LinkLegacyCodeAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter);
        subjects.MapPost("/{code}/deregistration", DeregisterAsync).RequireRoles(Roles.MemberUnit, Roles.CreditCenter);
        return app;
    }

    private static async Task<Results<Created<SubjectResponse>, Ok<SubjectResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterSubjectRequest body, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var (command, errors) = SubjectValidation.Register(body, time.GetUtcNow(), RegistrarOf(http));
        if (command is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var outcome = await store.DecideAsync<Subject>(Subject.StreamId(command.Code), s => SubjectDecider.Register(s, command), http.ToEventMetadata(), ct);
        return outcome.Decision switch
        {
            Decision.Rejected rejected => rejected.Why.Problem(),
            Decision.Append when outcome.Created =>
                TypedResults.Created($"/api/v1/subjects/{command.Code}", Respond(http, outcome.State!, outcome.Version)),
            _ => TypedResults.Ok(Respond(http, outcome.State!, outcome.Version)),
        };
    }

    private static async Task<Results<Ok<SubjectResponse>, ValidationProblem, NotFound<ProblemDetails>>> GetAsync(
        string code, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        var normalized = SubjectCode.ValidateAnyKind(code);
        if (!normalized.IsValid) return Invalid("code", normalized.Error!);
        var (subject, version) = await store.LoadAsync<Subject>(Subject.StreamId(normalized.Normalized), ct);
        return subject is null ? NotFound(normalized.Normalized) : TypedResults.Ok(Respond(http, subject, version));
    }

    public sealed record ResolveResponse(string Code, string ResolvedFrom);

    /// <summary>转码: a canonical code resolves to itself, a legacy code to the one subject it is linked to; two subjects is 重错码 (409).</summary>
    private static async Task<Results<Ok<ResolveResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ResolveAsync(
        string? code, Npgsql.NpgsqlDataSource dataSource, IDocumentStore store, CancellationToken ct)
    {
        var normalized = CanonicalOrLegacy(code);
        if (!normalized.IsValid) return Invalid("code", normalized.Error!);
        var (subject, _) = await store.LoadAsync<Subject>(Subject.StreamId(normalized.Normalized), ct);
        if (subject is not null) return TypedResults.Ok(new ResolveResponse(subject.Code, "Canonical"));
        var candidates = await Projections.SubjectQueries.LegacyCodeAsync(dataSource, normalized.Normalized, ct);
        return candidates.Count switch
        {
            0 => NotFound(normalized.Normalized),
            1 => TypedResults.Ok(new ResolveResponse(candidates[0].Subject, candidates[0].Kind)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Legacy code linked to several subjects (重错码)",
                detail: $"{normalized.Normalized} is linked to {candidates.Count} subjects; it is reported, not guessed.",
                extensions: new Dictionary<string, object?> { ["candidates"] = candidates.Select(c => c.Subject).ToList() }),
        };
    }

    /// <summary>A canonical code, or a legacy code (registration number, organisation code, tax registration number).</summary>
    private static IdentifierCheck CanonicalOrLegacy(string? code)
    {
        var canonical = SubjectCode.ValidateAnyKind(code);
        if (canonical.IsValid || LegacyCode.Classify(code) is not { } kind) return canonical;
        return LegacyCode.Validate(code, kind);
    }

    public sealed record UpdateSubjectRequest([property: MaxLength(TextLimits.Name)] string? Name, LegalRepresentativeRequest? LegalRepresentative);

    private static async Task<Results<Ok<SubjectResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> UpdateAsync(
        string code, UpdateSubjectRequest body, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = SubjectValidation.Name(body.Name, "name", errors);
        var representative = SubjectValidation.Representative(body.LegalRepresentative, errors);
        if (errors.Any || name is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        return await ChangeAsync(code, http, store, s => SubjectDecider.Update(s, new UpdateSubject(name, representative, time.GetUtcNow())), ct,
            ifMatchRequired: true);
    }

    public sealed record LinkLegacyCodeRequest([property: MaxLength(TextLimits.Identifier)] string? LegacyCode);

    private static async Task<Results<Ok<SubjectResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> LinkLegacyCodeAsync(
        string code, LinkLegacyCodeRequest body, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        if (LegacyCode.Classify(body.LegacyCode) is not { } kind)
            return Invalid("legacyCode", "Not a registration number (15 digits), organisation code (9 characters) or tax registration number (15 characters).");
        var check = LegacyCode.Validate(body.LegacyCode, kind);
        if (!check.IsValid) return Invalid("legacyCode", check.Error!);
        return await ChangeAsync(code, http, store, s => SubjectDecider.LinkLegacyCode(s, check.Normalized, kind, time.GetUtcNow()), ct);
    }

    public sealed record DeregisterRequest([property: MaxLength(TextLimits.Reason)] string? Reason);

    private static async Task<Results<Ok<SubjectResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> DeregisterAsync(
        string code, DeregisterRequest body, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason)) return Invalid("reason", "reason is required.");
        return await ChangeAsync(code, http, store, s => SubjectDecider.Deregister(s, new DeregisterSubject(body.Reason.Trim(), time.GetUtcNow())), ct);
    }

    /// <summary>
    /// Applies a decision to an existing subject for its registrant or the credit centre (403 for anyone else, before any
    /// precondition is looked at), honouring If-Match; a PUT must carry it (428, ADR 0012).
    /// </summary>
    private static async Task<Results<Ok<SubjectResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ChangeAsync(
        string code, HttpContext http, IDocumentStore store, Func<Subject, Decision> decide, CancellationToken ct, bool ifMatchRequired = false)
    {
        var normalized = SubjectCode.ValidateAnyKind(code);
        if (!normalized.IsValid) return Invalid("code", normalized.Error!);
        var registrar = RegistrarOf(http);
        var (current, _) = await store.LoadAsync<Subject>(Subject.StreamId(normalized.Normalized), ct);
        if (current is null) return NotFound(normalized.Normalized);
        if (!registrar.MayChange(current)) return ((Decision.Rejected)SubjectDecider.NotTheRegistrant).Why.Problem();
        var outcome = await store.DecideAsync<Subject>(Subject.StreamId(normalized.Normalized),
            s => s is null ? new Decision.Unchanged() : registrar.MayChange(s) ? decide(s) : SubjectDecider.NotTheRegistrant,
            http.ToEventMetadata(), ct, http.IfMatchVersion(ifMatchRequired));
        return outcome.Decision is Decision.Rejected rejected ? rejected.Why.Problem() : TypedResults.Ok(Respond(http, outcome.State!, outcome.Version));
    }

    private static Registrar RegistrarOf(HttpContext http)
    {
        var caller = Caller.From(http.User);
        return new Registrar(caller.Unit, IsCreditCenter: caller.Role == Roles.CreditCenter);
    }

    private static SubjectResponse Respond(HttpContext http, Subject subject, long version)
    {
        http.Response.SetVersion(version);
        return SubjectResponse.From(subject, version);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFound<ProblemDetails> NotFound(string code) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Subject not found", Detail = $"No subject is registered under {code}." });
}
