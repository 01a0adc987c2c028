using System.Text.Json;
using System.Text.Json.Serialization;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.Exchange.Delivery;

/// <summary>Something subscribers may hear of: the event, its subject (and list type, for list entries), when it happened, its data.</summary>
public sealed record Push(string Event, string SubjectCode, string? ListType, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, object?> Data);

/// <summary>A delivery's body as DESIGN §5.2 shapes it; written once, so every retry sends (and signs) the same bytes.</summary>
public sealed record DeliveryBody(Guid DeliveryId, string SubscriptionId, string Event, DateTimeOffset OccurredAt, string SubjectCode,
    IReadOnlyDictionary<string, object?> Data)
{
    private static readonly JsonSerializerOptions Plain = Create(masked: false);
    private static readonly JsonSerializerOptions Masked = Create(masked: true);

    /// <summary>ID numbers are masked for every subscriber but the credit centre (DESIGN §7: personal data masked wherever it appears).</summary>
    public string ToJson(bool maskPersonalData) => JsonSerializer.Serialize(this, maskPersonalData ? Masked : Plain);

    private static JsonSerializerOptions Create(bool masked)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        if (masked) options.Converters.Add(new MaskedText());
        return options;
    }

    private sealed class MaskedText : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(PersonalData.Mask(value));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(PersonalData.Mask(value));
    }
}
