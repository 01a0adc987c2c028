using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Tamper evidence (DESIGN §3.5): hash = SHA-256(previous hash of the stream ‖ canonical bytes of the event).
/// The canonical bytes are independent of how PostgreSQL's jsonb re-orders keys or re-formats numbers,
/// so the chain can be recomputed from what is read back.
/// </summary>
public static class HashChain
{
    public static byte[] Compute(ReadOnlySpan<byte> previousHash, string streamId, long version, string type,
        DateTimeOffset createdAt, string dataJson, string metadataJson)
    {
        var text = string.Join('\n',
            streamId,
            version.ToString(CultureInfo.InvariantCulture),
            type,
            ToUnixMicroseconds(createdAt).ToString(CultureInfo.InvariantCulture),
            Canonicalize(dataJson),
            Canonicalize(metadataJson));
        var body = Encoding.UTF8.GetBytes(text);
        var input = new byte[previousHash.Length + body.Length];
        previousHash.CopyTo(input);
        body.CopyTo(input.AsSpan(previousHash.Length));
        return SHA256.HashData(input);
    }

    /// <summary>PostgreSQL keeps timestamps to the microsecond; the hash uses exactly what is stored.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>JSON with object keys in ordinal order, no white space, and numbers in plain decimal form.</summary>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EventSerializer.JsonOptions.Encoder }))
            Write(writer, document.RootElement);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    writer.WriteRawValue(number.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                else
                    writer.WriteRawValue(raw, skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
