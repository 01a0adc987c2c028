using System.Text.Json;
using System.Text.Json.Serialization;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// Every JSON string of the HTTP API passes here. On the way in, <see cref="InputText"/> refuses control characters and
/// text over the default limit (a 400 naming the field, before anything reaches SQL); on the way out, ID numbers are masked
/// for callers who may not see them (<see cref="ResponsePrivacy"/>). Dictionary keys are treated like values.
/// </summary>
public sealed class TextConverter(IHttpContextAccessor http) : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => InputText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ResponsePrivacy.Shown(value, http.HttpContext));

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => InputText.Read(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(ResponsePrivacy.Shown(value, http.HttpContext));
}
