using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// Applies <see cref="PersonalData.Mask"/> on the way out for every caller but auditors and the credit centre (DESIGN §7):
/// to every JSON string a response writes (through <see cref="Json.TextConverter"/>) and to its Location header. Nothing is
/// masked per endpoint; a caller that is not known (no token, a refused token, work outside a request) is masked.
/// </summary>
public static class ResponsePrivacy
{
    public static bool Hides(HttpContext? http) => http is null || !Caller.From(http.User).SeesPersonalData;

    /// <summary>The text as this request's caller may see it.</summary>
    public static string Shown(string text, HttpContext? http)
    {
        var masked = PersonalData.Mask(text);
        return ReferenceEquals(masked, text) || !Hides(http) ? text : masked;
    }

    /// <summary>A natural person's code is their ID number, so a Location header can carry one (POST /subjects).</summary>
    public static IApplicationBuilder UseLocationMasking(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            if (http.Response.Headers.Location.ToString() is { Length: > 0 } location) http.Response.Headers.Location = Shown(location, http);
            return Task.CompletedTask;
        });
        await next(http);
    });
}
