using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CreditMesh.Identifiers;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// Reads submitted fields into typed values one at a time, collecting every error under the field's JSON path so that
/// all of them are reported at once. A field is required when its path was passed to <see cref="Require"/> (or the
/// constructor); a missing field is null, or a string that is empty after trimming. Each reader returns null on error.
/// </summary>
internal sealed partial class FieldReader(IEnumerable<string> required)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _required = new(required, StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void Require(params IEnumerable<string> paths) => _required.UnionWith(paths);

    public bool IsRequired(string path) => _required.Contains(path);

    public void Add(string path, string message) =>
        (_errors.TryGetValue(path, out var messages) ? messages : _errors[path] = []).Add(message);

    /// <summary>
    /// Trimmed text of at most <paramref name="maxLength"/> characters (Unicode code points, as PostgreSQL counts them).
    /// Single-line text refuses every control character; multi-line text allows tabs and line breaks.
    /// </summary>
    public string? Text(string? input, string path, int maxLength, bool multiLine = false)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) { Missing(path); return null; }
        var length = text.EnumerateRunes().Count();
        if (length > maxLength)
        {
            Add(path, $"{path} has at most {maxLength} characters; this one has {length}.");
            return null;
        }
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            position++;
            if (Rune.IsControl(rune) && !(multiLine && rune.Value is '\t' or '\r' or '\n'))
            {
                Add(path, $"{path} contains an invisible control character (U+{rune.Value:X4}) at position {position}" +
                    (multiLine ? "." : "; it is one line of text."));
                return null;
            }
        }
        return text;
    }

    /// <summary>A national-standard code, checked by the identifier library (which also trims, upper-cases and refuses full-width characters).</summary>
    public string? Identifier(string? input, string path, Func<string?, IdentifierCheck> validate)
    {
        // Only ASCII blanks count as missing: a lone full-width space must get the library's full-width message.
        if (input is null || input.AsSpan().Trim(" \t\r\n").IsEmpty) { Missing(path); return null; }
        var check = validate(input);
        if (check.IsValid) return check.Normalized;
        Add(path, check.Error!);
        return null;
    }

    /// <summary>A calendar date written YYYY-MM-DD with ASCII digits (DESIGN §5).</summary>
    public DateOnly? Date(string? input, string path)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) { Missing(path); return null; }
        if (!IsoDate().IsMatch(text))
        {
            Add(path, $"{path} must be a date written YYYY-MM-DD, such as 2026-05-10.");
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(path, $"{path}: {text} is not a date in the calendar.");
            return null;
        }
        return date;
    }

    /// <summary>One of an enumeration's names, exactly as written (case-sensitive; numbers are not names).</summary>
    public T? Choice<T>(string? input, string path, bool required = false) where T : struct, Enum
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Missing(path, required);
            return null;
        }
        var names = Enum.GetNames<T>();
        if (names.Contains(text, StringComparer.Ordinal)) return Enum.Parse<T>(text);
        var hint = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } near
            ? $" Names are case-sensitive: write {near}."
            : "";
        Add(path, $"{path} must be one of {string.Join(", ", names)}; '{Shown(text)}' is not.{hint}");
        return null;
    }

    /// <summary>An amount in yuan: not negative, and in whole fen (分), so at most 2 decimal places.</summary>
    public decimal? Amount(decimal? input, string path)
    {
        if (input is not { } amount) { Missing(path); return null; }
        if (amount < 0)
        {
            Add(path, $"{path} must not be negative; it is {amount.ToString(CultureInfo.InvariantCulture)} yuan.");
            return null;
        }
        var fen = decimal.Round(amount, 2);
        if (fen != amount)
        {
            Add(path, $"{path} has at most 2 decimal places (yuan to the fen, 分); " +
                $"{amount.ToString(CultureInfo.InvariantCulture)} has more.");
            return null;
        }
        return fen;
    }

    private void Missing(string path, bool required = false)
    {
        if (required || IsRequired(path)) Add(path, $"{path} is required.");
    }

    /// <summary>Echoes at most 40 characters of a rejected value, so a message never carries a whole oversized input.</summary>
    private static string Shown(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
