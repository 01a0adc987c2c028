using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// The HTTP API's JSON, in one place (ADR 0012): camelCase, enums as strings, nulls left out; on the way in duplicate keys
/// refused, text checked (<see cref="InputText"/>), [MaxLength] enforced (<see cref="TextLimits"/>); on the way out ID numbers
/// masked (<see cref="TextConverter"/>). A body that cannot be read reaches <see cref="ProblemMapping"/> in every environment.
/// </summary>
public static class ApiJson
{
    public static IServiceCollection AddApiJson(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddOptions<JsonOptions>().Configure<IHttpContextAccessor>((json, http) =>
        {
            var options = json.SerializerOptions;
            options.Converters.Add(new JsonStringEnumConverter());
            options.Converters.Add(new TextConverter(http));
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Last wins was a way to smuggle a second value past a reviewer's eye (DESIGN §7: duplicate keys are refused).
            options.AllowDuplicateProperties = false;
            options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(VerbatimTextAttribute.Apply)
                .WithAddedModifier(TextLimits.Enforce);
        });
        // By default only Development throws here; elsewhere a wrong type got a bare 400 without the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
