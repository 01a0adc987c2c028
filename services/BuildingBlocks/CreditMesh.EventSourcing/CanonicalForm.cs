using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The canonical JSON the hash chain is computed over: object members in ordinal order, no white space,
/// strings escaped by one encoder, numbers in plain decimal form. PostgreSQL's jsonb re-orders keys and
/// re-formats numbers, so verification canonicalizes what it reads back; writing skips that work for
/// event types whose serialized form is canonical already (members sorted by <see cref="SortMembers"/>,
/// and no floating-point numbers, dictionaries or untyped values whose text could differ).
/// </summary>
public static class CanonicalForm
{
    public static string Canonicalize(string json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        Write(json, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(string json, IBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(json);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = EventJson.Options.Encoder, SkipValidation = true });
        Write(writer, document.RootElement);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // JsonProperty.Name allocates on every call: read each name once, then sort.
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var property in element.EnumerateObject()) members.Add((property.Name, property.Value));
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var (name, value) in members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                writer.WriteRawValue(
                    decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? number.ToString(CultureInfo.InvariantCulture)
                        : raw,
                    skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Type-info modifier: serialize object members in ordinal order of their JSON names.</summary>
    public static void SortMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var order = info.Properties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < order.Count; i++) order[i].Order = i;
    }

    /// <summary>Whether the serializer's output for this type is canonical by construction.</summary>
    public static bool IsWrittenCanonically(Type type) => IsSafe(type, []);

    private static bool IsSafe(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum || type == typeof(string) || type == typeof(bool) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeOnly))
            return true;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
            return true;
        if (type == typeof(double) || type == typeof(float) || type == typeof(object) || type == typeof(JsonElement)
            || typeof(IDictionary).IsAssignableFrom(type) || IsGenericDictionary(type))
            return false;
        if (type.IsArray) return IsSafe(type.GetElementType()!, seen);
        if (typeof(IEnumerable).IsAssignableFrom(type))
            return type.IsGenericType && type.GetGenericArguments().Length == 1 && IsSafe(type.GetGenericArguments()[0], seen);
        if (!seen.Add(type)) return true;
        if (type.IsInterface || type.IsAbstract) return false;
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .All(p => IsSafe(p.PropertyType, seen));
    }

    private static bool IsGenericDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));
}
