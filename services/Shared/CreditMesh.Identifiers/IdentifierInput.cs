using System.Text;

namespace CreditMesh.Identifiers;

/// <summary>
/// The first step of every identifier check: trims, upper-cases, and refuses characters a code never contains,
/// so that a later "not allowed" or "check character" error is never caused by an invisible typing slip.
/// </summary>
public static class IdentifierInput
{
    /// <summary>Only ASCII whitespace is trimmed: a full-width (ideographic) space must be reported, not silently dropped (DESIGN §4.1).</summary>
    private static readonly char[] TrimmedWhitespace = [' ', '\t', '\r', '\n', '\v', '\f'];

    /// <summary>Unicode Halfwidth and Fullwidth Forms block: U+FF01–U+FF5E are the full-width forms of U+0021–U+007E, 0xFEE0 apart.</summary>
    private const int FirstFullWidth = 0xFF01, LastFullWidth = 0xFF5E, FullWidthOffset = 0xFEE0, IdeographicSpace = 0x3000;

    /// <summary>
    /// Trims surrounding ASCII whitespace and upper-cases; refuses null or empty input ("{what} is required"),
    /// full-width characters, other non-ASCII characters (Cyrillic or Greek look-alike letters included),
    /// and whitespace or control characters inside the code. Positions in messages are 1-based within the trimmed input.
    /// </summary>
    public static IdentifierCheck Normalize(string? input, string what)
    {
        var trimmed = input?.Trim(TrimmedWhitespace) ?? "";
        if (trimmed.Length == 0)
            return IdentifierCheck.Invalid(input ?? "", $"{what} is required.");

        var position = 0;
        foreach (var rune in trimmed.EnumerateRunes())
        {
            position++;
            if (Refusal(rune, position, what) is { } error)
                return IdentifierCheck.Invalid(trimmed, error);
        }
        // Every character is printable ASCII here, so the invariant upper-casing is exactly A–Z for a–z.
        return IdentifierCheck.Valid(trimmed.ToUpperInvariant());
    }

    private static string? Refusal(Rune rune, int position, string what)
    {
        if (rune.Value == IdeographicSpace)
            return $"{what}: full-width characters are not accepted; there is a full-width space at position {position}. Remove it.";
        if (rune.Value is >= FirstFullWidth and <= LastFullWidth)
            return $"{what}: full-width characters are not accepted; '{rune}' at position {position} is full-width. " +
                   $"Use the half-width '{(char)(rune.Value - FullWidthOffset)}' instead.";
        if (Rune.IsWhiteSpace(rune))
            return $"{what} must not contain spaces; there is whitespace ({CodePoint(rune)}) at position {position}.";
        if (Rune.IsControl(rune))
            return $"{what} contains an invisible control character ({CodePoint(rune)}) at position {position}.";
        if (!rune.IsAscii)
            return $"{what}: '{rune}' ({CodePoint(rune)}) at position {position} is not allowed. Codes use only ASCII letters " +
                   "and digits; letters from other alphabets that look alike (such as Cyrillic or Greek) are not accepted.";
        return null;
    }

    private static string CodePoint(Rune rune) => $"U+{rune.Value:X4}";

    /// <summary>The error for a character outside a code's alphabet, naming the character and its 1-based position.</summary>
    internal static IdentifierCheck NotAllowed(string what, string code, int index, string whatIsAllowed) =>
        IdentifierCheck.Invalid(code, $"{what}: '{code[index]}' at position {index + 1} is not allowed; {whatIsAllowed}.");

    /// <summary>The error for a code of the wrong length.</summary>
    internal static IdentifierCheck WrongLength(string what, string code, string expected) =>
        IdentifierCheck.Invalid(code, $"{what} must be {expected}; this one has {code.Length}.");
}
