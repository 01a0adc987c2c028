namespace CreditMesh.Identifiers;

/// <summary>组织机构代码 (GB 11714-1997): 8 body characters (digits or letters A–Z) and a check character (digit or X).</summary>
public static class OrganizationCode
{
    private const string What = "Organisation code";

    /// <summary>GB 11714-1997: weights for the 8 body characters (2^(9−i) mod 11).</summary>
    private static readonly int[] Weights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Accepts "71526726X" and the printed form "71526726-X"; the normalized value has no hyphen.</summary>
    public static IdentifierCheck Validate(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, What);
        if (!normalized.IsValid) return normalized;
        var code = normalized.Normalized;

        if (!HasLength(code))
            return IdentifierInput.WrongLength(What, code, "9 characters long (or written 12345678-9)");
        for (var i = 0; i < 8; i++)
            if (!IsBodyCharacter(code[i]))
                return IdentifierInput.NotAllowed(What, code, i, "the first 8 characters are digits or letters A–Z");
        var checkIndex = code.Length - 1;
        if (!char.IsAsciiDigit(code[checkIndex]) && code[checkIndex] != 'X')
            return IdentifierInput.NotAllowed(What, code, checkIndex, "the check character is a digit or X");
        if (code[checkIndex] != CheckCharacter(code.AsSpan(0, 8)))
            return IdentifierCheck.Invalid(code, $"{What}: the check character (the last one) does not match the rest of the code. Check it for a typing error.");
        return IdentifierCheck.Valid(code.Length == 9 ? code : string.Concat(code.AsSpan(0, 8), code.AsSpan(9)));
    }

    /// <summary>The check character for 8 body characters (digits or upper-case A–Z); throws if given anything else.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
            throw new ArgumentException($"An organisation code body has 8 characters, not {first8.Length}.", nameof(first8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            if (!IsBodyCharacter(first8[i]))
                throw new ArgumentException($"'{first8[i]}' is not a digit or an upper-case letter A–Z.", nameof(first8));
            // GB 11714-1997: digits count 0–9 and letters A–Z count 10–35.
            sum += (char.IsAsciiDigit(first8[i]) ? first8[i] - '0' : first8[i] - 'A' + 10) * Weights[i];
        }
        // GB 11714-1997: C = 11 − Σ mod 11, with 10 written X and 11 written 0.
        return (11 - sum % 11) switch { 10 => 'X', 11 => '0', var c => (char)('0' + c) };
    }

    /// <summary>GB 11714-1997: 9 characters, or 10 in the printed form with a hyphen before the check character.</summary>
    internal static bool HasLength(string code) => code.Length == 9 || (code.Length == 10 && code[8] == '-');

    /// <summary>Whether a normalized code has the characters of an organisation code where they belong, whatever its check says.</summary>
    internal static bool HasShape(string code)
    {
        if (!HasLength(code)) return false;
        for (var i = 0; i < 8; i++)
            if (!IsBodyCharacter(code[i])) return false;
        return char.IsAsciiDigit(code[^1]) || code[^1] == 'X';
    }

    internal static bool IsBodyCharacter(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
}
