using CreditMesh.ServiceDefaults.AccessLog;

namespace CreditMesh.Matching.Features;

/// <summary>
/// 200 with the answer, written only once the match log holds it (DESIGN §4.4: logged before or with the response).
/// The access-log filter joins the request's access-log entry to it, so the match log writes both in one group commit
/// (one durable write per match instead of two, DESIGN §6). If that write fails the caller gets 500, and the refusal is
/// recorded through the access log's own writer.
/// </summary>
public sealed class LoggedResult<T>(T value, Func<AccessLogEntry?, Task> log) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IJoinsAccessLog
{
    private AccessLogEntry? _access;

    public int? StatusCode => StatusCodes.Status200OK;

    public T? Value => value;

    public void Join(AccessLogEntry entry) => _access = entry;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await log(_access);
        }
        catch when (_access is not null)
        {
            await httpContext.RequestServices.GetRequiredService<AccessLogWriter>()
                .RecordAsync(_access with { Status = StatusCodes.Status500InternalServerError }, CancellationToken.None);
            throw;
        }
        await TypedResults.Ok(value).ExecuteAsync(httpContext);
    }
}
