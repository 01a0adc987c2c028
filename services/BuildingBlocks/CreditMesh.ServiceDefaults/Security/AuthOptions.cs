using System.ComponentModel.DataAnnotations;
using System.Text;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// Configuration section "Auth". Development: HS256 tokens signed with <see cref="SigningKey"/>
/// (default in README), issuer creditmesh-dev, audience creditmesh. Production: set Issuer,
/// Audience and SigningKey (or several, comma-separated, to rotate keys) from a secret store.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";
    public const string DevelopmentSigningKey = "creditmesh-development-signing-key-not-for-production";

    [Required] public string Issuer { get; set; } = "creditmesh-dev";
    [Required] public string Audience { get; set; } = "creditmesh";

    /// <summary>One key, or several separated by commas: all validate, so keys can be rotated without downtime.</summary>
    [Required] public string SigningKey { get; set; } = DevelopmentSigningKey;

    /// <summary>
    /// Unit ids for callers without a unified social credit code of their own here (approval systems, the national platform's
    /// client): upper-case letters and digits in two to five hyphen-separated parts, e.g. APPROVAL-SZ-01. Anchored (^…$).
    /// </summary>
    [Required] public string UnitIdPattern { get; set; } = DefaultUnitIdPattern;

    public const string DefaultUnitIdPattern = "^[A-Z][A-Z0-9]{0,19}(?:-[A-Z0-9]{1,20}){1,4}$";

    /// <summary>How the pattern runs: without backtracking (so without backreferences or lookarounds), culture-invariant.</summary>
    public const System.Text.RegularExpressions.RegexOptions UnitIdPatternOptions =
        System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant;

    /// <summary>Tolerance for clock differences between token issuer and us.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Set by the host: outside Development the published development key is refused.</summary>
    public bool IsDevelopment { get; set; }

    public IEnumerable<string> Keys => SigningKey.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Any(k => Encoding.UTF8.GetByteCount(k) < 32))
            yield return new ValidationResult("Auth:SigningKey must be at least 32 bytes (HS256).", [nameof(SigningKey)]);
        if (!UnitIdPattern.StartsWith('^') || !UnitIdPattern.EndsWith('$') || !Compiles(UnitIdPattern))
            yield return new ValidationResult(
                "Auth:UnitIdPattern must be a regular expression anchored with ^ and $, without backreferences or lookarounds.", [nameof(UnitIdPattern)]);
        if (!IsDevelopment && Keys.Contains(DevelopmentSigningKey))
            yield return new ValidationResult("Auth:SigningKey is the published development key; set a secret key outside Development.", [nameof(SigningKey)]);
    }

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, UnitIdPatternOptions);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) // NotSupported: a construct that needs backtracking
        {
            return false;
        }
    }
}
