using CreditMesh.ServiceDefaults;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditMesh.EventSourcing.Http;

/// <summary>The one place where a refused decision becomes an HTTP status: 400, 403, 404 or 409, naming the field.</summary>
public static class WriteResults
{
    public static int StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => StatusCodes.Status400BadRequest,
        RejectionKind.Forbidden => StatusCodes.Status403Forbidden,
        RejectionKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    public static ProblemHttpResult Problem(this Rejection rejection) =>
        TypedResults.Problem(statusCode: StatusOf(rejection.Kind), title: Title(rejection.Kind), detail: rejection.Reason,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [rejection.Field] = [rejection.Reason] } });

    private static string Title(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => "Invalid request",
        RejectionKind.Forbidden => "Forbidden",
        RejectionKind.NotFound => "Not found",
        _ => "Conflict",
    };
}

/// <summary>
/// Marten's refusals that reach the edge as exceptions: another writer got there first or the If-Match version is
/// stale (409), a stream that exists already (409), an archived stream (409). Never a 500.
/// </summary>
internal sealed class EventStoreProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var detail = exception switch
        {
            ConcurrencyException => "The stream changed since you read it (its version no longer matches); read it again and retry.",
            ExistingStreamIdCollisionException => "It exists already.",
            InvalidStreamOperationException => "The stream is archived and accepts no further events.",
            _ => null,
        };
        if (detail is null) return false;
        return await Problems.WriteAsync(problems, http, exception, StatusCodes.Status409Conflict, "Conflict", detail);
    }
}
