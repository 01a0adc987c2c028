using System.Globalization;

namespace CreditMesh.Identifiers;

/// <summary>公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, check character.</summary>
public static class ResidentIdNumber
{
    private const string What = "Resident ID number";

    /// <summary>GB 11643-1999 (ISO 7064 MOD 11-2): weights for positions 1–17, which are 2^(18−i) mod 11.</summary>
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>GB 11643-1999: the check character for Σ mod 11 = 0, 1, …, 10.</summary>
    private const string CheckCharacters = "10X98765432";

    /// <summary>Earlier birth dates are not plausible for a living holder; later ones are the caller's to judge, as this code has no clock.</summary>
    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>Checks length, digits, the birth date, then the check character; a lower-case x is accepted as X.</summary>
    public static IdentifierCheck Validate(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, What);
        if (!normalized.IsValid) return normalized;
        var id = normalized.Normalized;

        // GB 11643-1999 replaced the 15-digit number (no century, no check character); the platform requires the 18-digit one.
        if (id.Length == 15 && id.All(char.IsAsciiDigit))
            return IdentifierCheck.Invalid(id, $"{What}: this is an old 15-digit number; the 18-digit resident ID number is required.");
        if (id.Length != 18)
            return IdentifierInput.WrongLength(What, id, "18 characters long");
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(id[i]))
                return IdentifierInput.NotAllowed(What, id, i, "the first 17 characters are digits");
        if (!char.IsAsciiDigit(id[17]) && id[17] != 'X')
            return IdentifierInput.NotAllowed(What, id, 17, "the last character is a digit or X");
        if (BirthDate(id) is not { } birthDate)
            return IdentifierCheck.Invalid(id, $"{What}: positions 7–14 must be a real birth date (yyyyMMdd); {id[6..14]} is not a date.");
        if (birthDate < EarliestBirthDate)
            return IdentifierCheck.Invalid(id, $"{What}: the birth date {birthDate:yyyy-MM-dd} is before 1900-01-01.");
        if (id[17] != CheckCharacter(id))
            return IdentifierCheck.Invalid(id, $"{What}: the check character (position 18) does not match the rest of the number. Check it for a typing error.");
        return IdentifierCheck.Valid(id);
    }

    /// <summary>The birth date in positions 7–14 of an 18-character normalized number; null if it is not a real date.</summary>
    public static DateOnly? BirthDate(string normalized) =>
        normalized is { Length: 18 }
        && DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static char CheckCharacter(string id)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
            sum += (id[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}
