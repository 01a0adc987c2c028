namespace CreditMesh.Matching.Features;

/// <summary>
/// 200 with the answer, written only once the match log holds it (DESIGN §4.4: logged before or with the response).
/// The endpoint returns this before the log commits, so the access-log record (committed by its filter, in its own
/// group commit) and the match log commit overlap instead of adding up (ADR 8). If the log fails, the caller gets 500.
/// </summary>
public sealed class LoggedResult<T>(T value, Task logged) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>
{
    public int? StatusCode => StatusCodes.Status200OK;

    public T? Value => value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await logged;
        await TypedResults.Ok(value).ExecuteAsync(httpContext);
    }
}
