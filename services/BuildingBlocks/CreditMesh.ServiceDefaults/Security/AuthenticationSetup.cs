using CreditMesh.Contracts.Vocabulary;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// JWT bearer authentication, the same at the gateway and in every service (defence in depth),
/// with RFC 7807 answers: 401 without a valid token, 403 for the wrong role or object.
/// </summary>
public static class AuthenticationSetup
{
    public static IHostApplicationBuilder AddCreditMeshAuth(this IHostApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .PostConfigure(o => o.IsDevelopment = isDevelopment)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<UnitCodes>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        builder.Services.AddAuthorization();
        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKeys = auth.Keys.Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k))).ToList(),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            RoleClaimType = Claims.Role,
            NameClaimType = Claims.User,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var units = context.HttpContext.RequestServices.GetRequiredService<UnitCodes>();
                if (TokenClaims.Refusal(context.Principal!, units) is { } refusal) context.Fail(new TokenClaimsException(refusal));
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", context.AuthenticateFailure switch
                {
                    null => "A bearer token is required.",
                    TokenClaimsException claims => claims.Message,
                    _ => "The bearer token is not valid (expired, wrong signature, issuer or audience).",
                });
            },
            OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                "Your role may not use this operation."),
        };
    }

    /// <summary>Writes a ProblemDetails answer (used where no endpoint result exists yet, e.g. in auth events).</summary>
    public static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Route convention: only these roles may call it (others get 403, no token 401).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));

    /// <summary>403 ProblemDetails for a caller whose role fits the route but not the object (another unit's record, another subject).</summary>
    public static IResult ForbiddenObject(string detail) =>
        TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
