namespace CreditMesh.Identifiers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), entity category (2),
/// administrative division (3–8), organisation code (9–17), check character (18).
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string What = "Unified social credit code";

    /// <summary>GB 32100-2015: the code alphabet; a character's value is its index 0–30 (I, O, S, V, Z are never used).</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015: weights for positions 1–17, which are 3^(i−1) mod 31.</summary>
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Checks length, alphabet, the administrative division, the check character, then the embedded organisation code.</summary>
    public static IdentifierCheck Validate(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, What);
        if (!normalized.IsValid) return normalized;
        var code = normalized.Normalized;

        if (code.Length != 18)
            return IdentifierInput.WrongLength(What, code, "18 characters long");
        for (var i = 0; i < code.Length; i++)
            if (!Alphabet.Contains(code[i]))
                return IdentifierInput.NotAllowed(What, code, i, "only digits and the letters A–Z except I, O, S, V and Z are used");
        // GB 32100-2015: positions 3–8 are the GB/T 2260 administrative division code, which is numeric.
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(code[i]))
                return IdentifierInput.NotAllowed(What, code, i, "positions 3–8 are the administrative division code and are digits");
        // The expected character is not revealed: copying it would turn a typing error elsewhere into another subject's valid code.
        if (code[17] != CheckCharacter(code))
            return IdentifierCheck.Invalid(code, $"{What}: the check character (position 18) does not match the rest of the code. Check it for a typing error.");
        // GB 32100-2015: positions 9–17 are the organisation code, which carries its own GB 11714 check character.
        if (code[16] != OrganizationCode.CheckCharacter(code.AsSpan(8, 8)))
            return IdentifierCheck.Invalid(code, $"{What}: the organisation code in positions 9–17 fails its own check (GB 11714). Check it for a typing error.");
        return IdentifierCheck.Valid(code);
    }

    /// <summary>GB 32100-2015: check value = (31 − Σ(value × weight) mod 31) mod 31, written with the same alphabet.</summary>
    private static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
            sum += Alphabet.IndexOf(code[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }
}
