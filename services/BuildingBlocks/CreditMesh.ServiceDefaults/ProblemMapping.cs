using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.ServiceDefaults;

/// <summary>Maps a malformed request that reaches the edge as an exception to an RFC 7807 answer, never a 500.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        return await Problems.WriteAsync(problems, http, exception, bad.StatusCode, "Bad request", exception.Message);
    }
}

/// <summary>Writes a ProblemDetails answer from an exception handler (ours, and the event store's).</summary>
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
