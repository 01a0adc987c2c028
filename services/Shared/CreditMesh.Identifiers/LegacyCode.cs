namespace CreditMesh.Identifiers;

/// <summary>Codes issued before the unified social credit code, which lookups map to a subject's canonical code (转码).</summary>
public static class LegacyCode
{
    public static IdentifierCheck Validate(string? input, LegacyCodeKind kind) => kind switch
    {
        LegacyCodeKind.RegistrationNumber => RegistrationNumber.Validate(input),
        LegacyCodeKind.OrganizationCode => OrganizationCode.Validate(input),
        LegacyCodeKind.TaxRegistrationNumber => TaxRegistrationNumber.Validate(input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown legacy code kind."),
    };

    /// <summary>
    /// Tells the kind by shape: 9 characters (or 8, a hyphen and 1) are an organisation code, whatever its check says;
    /// 15 characters are a registration number if they pass its check or a tax number if they pass that one.
    /// Null when the input is neither, or when 15 digits pass both checks: a guess could resolve to the wrong subject.
    /// </summary>
    public static LegacyCodeKind? Classify(string? input)
    {
        var normalized = IdentifierInput.Normalize(input, "Code");
        if (!normalized.IsValid) return null;
        var code = normalized.Normalized;

        if (OrganizationCode.HasShape(code)) return LegacyCodeKind.OrganizationCode;
        if (code.Length != 15) return null;
        return (RegistrationNumber.Validate(code).IsValid, TaxRegistrationNumber.Validate(code).IsValid) switch
        {
            (true, false) => LegacyCodeKind.RegistrationNumber,
            (false, true) => LegacyCodeKind.TaxRegistrationNumber,
            _ => null,
        };
    }

}
