using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CreditMesh.Gateway;

/// <summary>
/// The web console (ADR 0010): static files under /console/, "/" redirects there. Its pages call the
/// API on the same origin with the caller's bearer token; the gateway adds nothing else for them.
/// </summary>
public static class WebConsole
{
    public const string Path = "/console";

    /// <summary>The console runs its own scripts and styles only; it talks to this origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebConsoleOptions>().Bind(configuration.GetSection(WebConsoleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Goes before UseSecurityHeaders: response-starting callbacks run last-registered first, so this one
    /// runs after the API's strict policy was set and relaxes it for the console's pages only.
    /// </summary>
    public static IApplicationBuilder UseWebConsoleHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(Path))
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
        await next(http);
    });

    public static WebApplication UseWebConsole(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebConsoleOptions>>().Value;
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(app.Environment.ContentRootPath, options.Root));
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("The web console's files are not at {Root}; /console/ answers 404.", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = Path, FileProvider = files });
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
        // Development only: outside it the route does not exist (404) and the login page takes a pasted token.
        if (app.Environment.IsDevelopment())
            app.MapGet(Path + "/dev-tokens", DevelopmentTokens.List).AllowAnonymous().RequireRateLimiting(GatewayRateLimits.PolicyName).ExcludeFromDescription();
        return app;
    }
}
