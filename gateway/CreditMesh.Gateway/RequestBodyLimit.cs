using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.Gateway;

/// <summary>
/// A declared body over the limit is refused with 413 before anything is forwarded; Kestrel's own
/// MaxRequestBodySize stops chunked bodies that grow past it.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limit = http.RequestServices.GetRequiredService<GatewayOptions>().MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await AuthenticationSetup.WriteProblemAsync(http, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The request body is {http.Request.ContentLength} bytes; at most {limit} bytes are accepted.");
            return;
        }
        await next(http);
    });
}
