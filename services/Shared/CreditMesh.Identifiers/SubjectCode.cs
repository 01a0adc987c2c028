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
}
