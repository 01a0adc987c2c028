using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// The OpenAPI document cannot see through <see cref="TextConverter"/> (a custom converter), so it would describe text as
/// "anything": this puts <c>type: string</c> back on text members and list items; their [MaxLength] is already shown.
/// </summary>
internal static class TextSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type == typeof(string))
        {
            schema.Type = JsonSchemaType.String;
            if (context.JsonPropertyInfo is { IsGetNullable: true }) schema.Type |= JsonSchemaType.Null;
        }
        else if (context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        return Task.CompletedTask;
    }
}
