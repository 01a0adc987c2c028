namespace CreditMesh.Identifiers;

/// <summary>税务登记号 of an organisation: a 6-digit administrative division code followed by its 9-character organisation code.</summary>
public static class TaxRegistrationNumber
{
    private const string What = "Tax registration number";

    /// <summary>Only the 15-character form; 18 and 20 characters are refused with a message of their own.</summary>
    public static IdentifierCheck Validate(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, What);
        if (!normalized.IsValid) return normalized;
        var number = normalized.Normalized;

        // Since 三证合一 (2015) the unified social credit code serves as an organisation's tax number.
        if (number.Length == 18)
            return IdentifierCheck.Invalid(number, $"{What}: an 18-character code is not a tax registration number; if it is a unified social credit code, enter it as one.");
        if (number.Length == 20)
            return IdentifierCheck.Invalid(number, $"{What}: 20-character numbers (individual businesses: ID number plus 2 digits) are not supported; only the 15-character form is.");
        if (number.Length != 15)
            return IdentifierInput.WrongLength(What, number, "15 characters long");
        for (var i = 0; i < 6; i++)
            if (!char.IsAsciiDigit(number[i]))
                return IdentifierInput.NotAllowed(What, number, i, "positions 1–6 are the administrative division code and are digits");
        for (var i = 6; i < 14; i++)
            if (!OrganizationCode.IsBodyCharacter(number[i]))
                return IdentifierInput.NotAllowed(What, number, i, "positions 7–14 are organisation code characters, digits or letters A–Z");
        if (!char.IsAsciiDigit(number[14]) && number[14] != 'X')
            return IdentifierInput.NotAllowed(What, number, 14, "the check character of the organisation code is a digit or X");
        if (number[14] != OrganizationCode.CheckCharacter(number.AsSpan(6, 8)))
            return IdentifierCheck.Invalid(number, $"{What}: the organisation code in positions 7–15 fails its check (GB 11714). Check it for a typing error.");
        return IdentifierCheck.Valid(number);
    }
}
