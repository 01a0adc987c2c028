using System.Buffers;
using System.Text.Json;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// Input hygiene for JSON strings (DESIGN §7): no control characters but tab, line feed and carriage return (NUL would
/// otherwise reach PostgreSQL as a 22P05 error and its log), no unpaired surrogates, and at most <see cref="TextLimits.Default"/>
/// characters unless the field declares its own [MaxLength]. A refusal is a <see cref="JsonException"/>, which the serializer
/// gives the field's path and <see cref="JsonProblems"/> turns into a 400 naming it.
/// </summary>
public static class InputText
{
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            throw new JsonException("Expected a string (text in double quotes).");
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("The text is not valid Unicode (an unpaired surrogate escape).");
        }
        if (Refusal(text) is { } refusal) throw new JsonException(refusal);
        return text;
    }

    /// <summary>Unicode category Cc (U+0000–U+001F, U+007F–U+009F) but the three that multi-line text needs.</summary>
    private static readonly SearchValues<char> Refused = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>Why the text is refused, or null.</summary>
    public static string? Refusal(string text)
    {
        if (text.AsSpan().IndexOfAny(Refused) is var index and >= 0)
            return $"The text contains an invisible control character (U+{(int)text[index]:X4}) at position " +
                $"{text[..(index + 1)].EnumerateRunes().Count()}; remove it.";
        return TextLimits.Length(text) > TextLimits.Default
            ? $"The text has {TextLimits.Length(text)} characters; at most {TextLimits.Default} are accepted here."
            : null;
    }
}
