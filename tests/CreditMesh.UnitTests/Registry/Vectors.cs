namespace CreditMesh.UnitTests.Registry;

/// <summary>
/// Builds test vectors by finding the check character that satisfies each standard's defining congruence,
/// independently of the production code (which computes the character by formula).
/// </summary>
internal static class Vectors
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015: Σ value(cᵢ)·3^(i−1) over positions 1–17, plus the check value, ≡ 0 (mod 31).</summary>
    public static string WithUsccCheck(string first17) =>
        first17 + UsccAlphabet.Single(c =>
            (WeightedSum(first17, UsccAlphabet.IndexOf, i => Power(3, i, 31)) + UsccAlphabet.IndexOf(c)) % 31 == 0);

    /// <summary>GB 11714-1997: Σ value(cᵢ)·2^(9−i) over the body plus the check value (X = 10) ≡ 0 (mod 11).</summary>
    public static string WithOrganizationCheck(string first8) =>
        first8 + "0123456789X".Single(c =>
            (WeightedSum(first8, OrganizationValue, i => Power(2, 8 - i, 11)) + (c == 'X' ? 10 : c - '0')) % 11 == 0);

    /// <summary>GB 11643-1999 (ISO 7064 MOD 11-2): Σ aᵢ·2^(18−i) over all 18 positions (X = 10) ≡ 1 (mod 11).</summary>
    public static string WithResidentIdCheck(string first17) =>
        first17 + "0123456789X".Single(c =>
            WeightedSum(first17 + c, ch => ch == 'X' ? 10 : ch - '0', i => Power(2, 17 - i, 11)) % 11 == 1);

    /// <summary>ISO 7064 MOD 11,10: a number is valid when the last S computed over all its digits is 1.</summary>
    public static string WithRegistrationCheck(string first14) =>
        first14 + "0123456789".Single(c => Mod11_10FinalS(first14 + c) == 1);

    /// <summary>Replaces one character (1-based position), for building vectors that differ from a valid one in one place.</summary>
    public static string Replace(string code, int position, char replacement) =>
        string.Concat(code.AsSpan(0, position - 1), replacement.ToString(), code.AsSpan(position));

    private static int WeightedSum(string code, Func<char, int> value, Func<int, int> weight) =>
        code.Select((c, i) => value(c) * weight(i)).Sum();

    private static int OrganizationValue(char c) => char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;

    private static int Power(int b, int exponent, int modulus) =>
        Enumerable.Repeat(b, exponent).Aggregate(1, (product, factor) => product * factor % modulus);

    private static int Mod11_10FinalS(string digits)
    {
        int p = 10, s = 0;
        foreach (var d in digits)
        {
            s = (p + d - '0') % 10;
            p = (s == 0 ? 10 : s) * 2 % 11;
        }
        return s;
    }
}
