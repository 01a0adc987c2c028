using System.ComponentModel.DataAnnotations;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Identifiers;
using CreditMesh.Registry.Domain;
using CreditMesh.Registry.Domain.Reports;
using CreditMesh.Registry.Reports.Pdf;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Registry.Reports;

/// <summary>
/// /api/v1/reports (DESIGN §5.2, §4.8): a subject (own code) or the credit centre generates a credit report; the subject it is
/// about, the credit centre and auditors read it as JSON or PDF; anyone checks a number and verification code. Every call is
/// access-logged.
/// </summary>
public static class ReportsApi
{
    public sealed record ReportRequest([property: MaxLength(TextLimits.Identifier)] string? SubjectCode, [property: MaxLength(TextLimits.Identifier)] string? Purpose);
    public sealed record ReportResponse(string ReportId, string ReportNumber, string SubjectCode, string Purpose, DateTimeOffset GeneratedAt, string Sha256,
        string VerificationCode);
    public sealed record VerificationResponse(bool Valid, string? ReportNumber = null, string? SubjectCode = null, string? SubjectName = null,
        DateTimeOffset? GeneratedAt = null, string? Sha256 = null);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");
        reports.MapPost("", IssueAsync).RequireRoles(Roles.Subject, Roles.CreditCenter).WithAccessLog("report-issue");
        // Anonymous on purpose: whoever received a report checks it; the gateway rate-limits it per address like disclosures.
        reports.MapGet("/verification", VerifyAsync).AllowAnonymous().WithAccessLog("report-verification", "number");
        reports.MapGet("/{id}", GetAsync).RequireRoles(Roles.Subject, Roles.CreditCenter, Roles.Auditor).WithAccessLog("report", "id");
        reports.MapGet("/{id}/pdf", PdfAsync).RequireRoles(Roles.Subject, Roles.CreditCenter, Roles.Auditor).WithAccessLog("report-pdf", "id");
        return app;
    }

    private static async Task<Results<Created<ReportResponse>, Ok<ReportResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> IssueAsync(
        ReportRequest? body, HttpContext http, ReportIssuer issuer, IDocumentStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = SubjectCode.ValidateAnyKind(body?.SubjectCode);
        if (!code.IsValid) errors["subjectCode"] = [code.Error!];
        if (!Enum.TryParse<ReportPurpose>(body?.Purpose, ignoreCase: false, out var purpose) || !Enum.IsDefined(purpose))
            errors["purpose"] = [$"purpose must be one of {string.Join(", ", Enum.GetNames<ReportPurpose>())}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(code.Normalized))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject generates reports about itself only.");
        var (subject, _) = await store.LoadAsync<Subject>(Subject.StreamId(code.Normalized), ct);
        if (subject is null)
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Subject not found", Detail = $"No subject is registered under {code.Normalized}." });
        var reportId = IdFor(http);
        try
        {
            var issued = (await issuer.IssueAsync(reportId, subject, purpose, http.ToEventMetadata(), ct)).Issued;
            return TypedResults.Created($"/api/v1/reports/{reportId}", Respond(issued));
        }
        catch (Exception e) when (StreamWriting.IsConcurrency(e))
        {
            // The same Idempotency-Key again: the report it created, unless the key was used for another report.
            var (existing, _) = await issuer.LoadAsync(reportId, ct);
            return existing is { Issued: var r } && r.SubjectCode == code.Normalized && r.Purpose == purpose
                ? TypedResults.Ok(Respond(r))
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "This Idempotency-Key was used for another report.");
        }
    }

    private static ReportResponse Respond(CreditReportIssued r) =>
        new(r.ReportId, r.ReportNumber, r.SubjectCode, r.Purpose.ToString(), r.GeneratedAt, r.Sha256, r.VerificationCode);

    /// <summary>The JSON document exactly as hashed: its canonical bytes (ID numbers in it are masked for every reader).</summary>
    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(string id, HttpContext http,
        ReportIssuer issuer, CancellationToken ct)
    {
        var (report, refusal) = await ReadableAsync(id, http, issuer, ct);
        if (refusal is not null) return refusal;
        if (report is null) return NotFound(id);
        http.Response.SetVersion(1);
        return TypedResults.Text(report.Issued.Document, "application/json; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> PdfAsync(string id, HttpContext http,
        ReportIssuer issuer, IOptions<ReportOptions> options, CancellationToken ct)
    {
        var (report, refusal) = await ReadableAsync(id, http, issuer, ct);
        if (refusal is not null) return refusal;
        if (report is null) return NotFound(id);
        var pdf = ReportPdf.Render(report.Read(), report.Issued.Sha256, options.Value.VerificationUrl, options.Value.FontPath);
        return TypedResults.File(pdf, "application/pdf", $"{report.Issued.ReportNumber}.pdf");
    }

    /// <summary>The subject a report is about reads it; so do the credit centre and auditors (the route admits no one else).</summary>
    private static async Task<(IssuedReport? Report, ProblemHttpResult? Refusal)> ReadableAsync(string id, HttpContext http, ReportIssuer issuer,
        CancellationToken ct)
    {
        var (report, _) = await issuer.LoadAsync(id, ct);
        var caller = Caller.From(http.User);
        if (report is not null && caller.Role == Roles.Subject && !caller.IsSubjectItself(report.Issued.SubjectCode))
            return (null, (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject reads reports about itself only."));
        return (report, null);
    }

    /// <summary>Genuine when the number exists and the code is its own; says nothing of the content, and the same for any wrong pair.</summary>
    private static async Task<Results<Ok<VerificationResponse>, ValidationProblem>> VerifyAsync(string? number, string? code,
        NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = ReportNumbers.Normalize(number);
        if (normalized is null) errors["number"] = ["number must be a report number such as CMR-20261201-000123."];
        if (string.IsNullOrWhiteSpace(code) || code.Length > TextLimits.Identifier) errors["code"] = ["code is required: the verification code printed on the report."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var found = await ReportDirectory.ByNumberAsync(dataSource, normalized!, ct);
        return TypedResults.Ok(found is not null && ReportNumbers.Matches(found.VerificationCode, code)
            ? new VerificationResponse(true, found.ReportNumber, found.SubjectCode, found.SubjectName, found.GeneratedAt, found.Sha256)
            : new VerificationResponse(false));
    }

    /// <summary>With an Idempotency-Key (DESIGN §5) the id follows from the caller and the key, so a retried request finds its report.</summary>
    private static string IdFor(HttpContext http)
    {
        if (http.Request.Headers["Idempotency-Key"].FirstOrDefault() is not { Length: > 0 } key) return Guid.CreateVersion7().ToString("N");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"report\n{Caller.From(http.User)}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Report not found", Detail = $"No report {id}." });
}
