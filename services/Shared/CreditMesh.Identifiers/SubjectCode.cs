namespace CreditMesh.Identifiers;

/// <summary>The canonical code of a credit subject: a resident ID number for a natural person, otherwise a unified social credit code.</summary>
public static class SubjectCode
{
    public static IdentifierCheck Validate(string? input, SubjectKind kind) => kind switch
    {
        SubjectKind.NaturalPerson => ResidentIdNumber.Validate(input),
        SubjectKind.LegalPerson or SubjectKind.Organization or SubjectKind.Government => UnifiedSocialCreditCode.Validate(input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };

    /// <summary>
    /// A canonical code of either kind, where the kind is not given (a query, a match): a valid resident ID number or a valid
    /// unified social credit code. The error is the ID number's when the input is shaped like one (17 digits and a check
    /// character), otherwise the credit code's.
    /// </summary>
    public static IdentifierCheck ValidateAnyKind(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, "Subject code");
        if (!normalized.IsValid) return normalized;
        var person = ResidentIdNumber.Validate(normalized.Normalized);
        if (person.IsValid) return person;
        var organisation = UnifiedSocialCreditCode.Validate(normalized.Normalized);
        return organisation.IsValid || !LooksLikeIdNumber(normalized.Normalized) ? organisation : person;
    }

    private static bool LooksLikeIdNumber(string code) =>
        code.Length == 18 && code.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && (char.IsAsciiDigit(code[17]) || code[17] == 'X');
}
