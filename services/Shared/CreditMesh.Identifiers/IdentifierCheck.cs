namespace CreditMesh.Identifiers;

/// <summary>
/// Result of checking one identifier: the normalized value (trimmed, upper-cased) or an error message for people.
/// When invalid, <see cref="Normalized"/> holds the input as far as it could be normalized, so it can be echoed back.
/// </summary>
public sealed record IdentifierCheck(bool IsValid, string Normalized, string? Error)
{
    public static IdentifierCheck Valid(string normalized) => new(true, normalized, null);

    public static IdentifierCheck Invalid(string input, string error) => new(false, input, error);
}
