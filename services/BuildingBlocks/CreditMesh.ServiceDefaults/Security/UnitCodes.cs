using System.Text.RegularExpressions;
using CreditMesh.Identifiers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// What a unit code may be, wherever one is read (the token's <c>unit</c> claim, <c>?unit=</c> filters, an AMQP sender):
/// a member unit's unified social credit code (GB 32100-2015, check characters included), or an id matching
/// Auth:UnitIdPattern for callers that have no credit code here (approval systems, the national platform's client).
/// Codes are compared as written, so a code must already be in its canonical form (upper case, no blanks).
/// </summary>
public sealed class UnitCodes(IOptions<AuthOptions> options)
{
    // Linear in the input whatever pattern an operator configures (no backtracking), so no match timeout: a wall-clock timeout
    // tripped on a starved 2-core machine, on a 20-character code, and failed the request with 500.
    private readonly Regex _unitId = new(options.Value.UnitIdPattern, AuthOptions.UnitIdPatternOptions);

    /// <summary>Null when the code is well formed, else why not (never echoing the input).</summary>
    public string? Error(string? code, string field)
    {
        if (string.IsNullOrEmpty(code)) return $"{field} is required.";
        if (code.Length <= 64 && _unitId.IsMatch(code)) return null;
        var credit = UnifiedSocialCreditCode.Validate(code);
        if (credit.IsValid && credit.Normalized == code) return null;
        return code.Length == 18 && credit.Error is { } reason
            ? $"{field} is not a valid unit code. {reason}"
            : $"{field} must be a unit's unified social credit code (18 characters) or a unit id such as APPROVAL-SZ-01.";
    }

    public bool IsValid(string? code) => Error(code, "unit") is null;

    /// <summary>An optional unit filter from the query string: null when absent or well formed, else a 400 naming it.</summary>
    public ValidationProblem? InvalidFilter(string? code, string field = "unit") =>
        code is null || Error(code, field) is not { } error
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
}
