using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.ServiceDefaults;

/// <summary>
/// Maps exceptions that reach the edge to RFC 7807 answers, never a 500: a body or query that cannot be read is a 400
/// naming the field (<see cref="JsonProblems"/>); a bad or missing If-Match is a 400 or 428. The event store maps its own.
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad when JsonProblems.Describe(bad) is var (field, message) => Invalid(field, message),
            BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
            InvalidHeaderException header => Invalid(header.Header, header.Message),
            PreconditionRequiredException required => Problem(StatusCodes.Status428PreconditionRequired, "Precondition required", required.Message),
            _ => null,
        };
        if (problem is null) return false;
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "One or more validation errors occurred.", Detail = $"{field}: {message}",
        };
}

/// <summary>Writes a ProblemDetails answer from an exception handler (the event store's, for instance).</summary>
public static class Problems
{
    public static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext http, Exception exception, int status, string title,
        string detail)
    {
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
