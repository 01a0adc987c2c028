namespace CreditMesh.Identifiers;

/// <summary>工商注册号: the 15-digit business registration number used before the unified social credit code; the last digit is a check digit.</summary>
public static class RegistrationNumber
{
    private const string What = "Registration number";

    public static IdentifierCheck Validate(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, What);
        if (!normalized.IsValid) return normalized;
        var number = normalized.Normalized;

        if (number.Length != 15)
            return IdentifierInput.WrongLength(What, number, "15 digits long");
        for (var i = 0; i < number.Length; i++)
            if (!char.IsAsciiDigit(number[i]))
                return IdentifierInput.NotAllowed(What, number, i, "a registration number has only digits");
        if (number[14] != CheckDigit(number.AsSpan(0, 14)))
            return IdentifierCheck.Invalid(number, $"{What}: the check digit (position 15) does not match the rest of the number. Check it for a typing error.");
        return IdentifierCheck.Valid(number);
    }

    /// <summary>GB/T 17710-1999 (ISO 7064) MOD 11,10: P₀ = 10; S = (P + digit) mod 10, 0 read as 10; P = 2S mod 11; check = (11 − P) mod 10.</summary>
    private static char CheckDigit(ReadOnlySpan<char> first14)
    {
        var p = 10;
        foreach (var digit in first14)
        {
            var s = (p + digit - '0') % 10;
            p = (s == 0 ? 10 : s) * 2 % 11;
        }
        return (char)('0' + (11 - p) % 10);
    }
}
