using CreditMesh.EventSourcing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.ServiceDefaults;

/// <summary>Maps exceptions that reach the edge to RFC 7807 answers; a stream conflict is a 409, never a 500.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            ConcurrencyException or StreamAlreadyExistsException or StreamArchivedException => (StatusCodes.Status409Conflict, "Conflict"),
            StreamNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            _ => (0, ""),
        };
        if (status == 0) return false;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
