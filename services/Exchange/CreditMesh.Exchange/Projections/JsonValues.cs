using System.Text.Json;

namespace CreditMesh.Exchange.Projections;

/// <summary>
/// Payloads read back from JSON hold JsonElements; written out, those would bypass the API's text converter (and so the masking of
/// ID numbers, DESIGN §7). Here they become plain values again: text, numbers, booleans, lists and maps.
/// </summary>
public static class JsonValues
{
    public static IReadOnlyDictionary<string, object?> Plain(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(v => v.Key, v => Plain(v.Value), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, object?> Parse(string json) =>
        Plain(JsonSerializer.Deserialize<Dictionary<string, object?>>(json) ?? []);

    private static object? Plain(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDecimal(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(i => Plain((object?)i)).ToList(),
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().ToDictionary(p => p.Name, p => Plain((object?)p.Value), StringComparer.Ordinal),
        JsonElement => null,
        _ => value,
    };
}
