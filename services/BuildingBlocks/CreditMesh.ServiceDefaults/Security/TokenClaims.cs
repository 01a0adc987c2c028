using CreditMesh.Contracts.Vocabulary;
using System.Security.Claims;
using CreditMesh.Identifiers;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// The claim rules of DESIGN §5, checked after the signature: <c>role</c> is one string from <see cref="Roles.All"/>; member
/// units, approvers and the exchange client name their unit in one well-formed <c>unit</c>; a subject names itself in one
/// valid <c>subject</c> code. A token that breaks them is refused (401) like a badly signed one, so no route or object rule
/// ever sees a list of roles or a missing owner.
/// </summary>
public static class TokenClaims
{
    public const int MaxUserLength = 128;

    /// <summary>Null when the token's claims are acceptable, else why not (for the 401's detail; never echoes a value).</summary>
    public static string? Refusal(ClaimsPrincipal principal, UnitCodes units)
    {
        if (One(principal, Claims.Role, out var role) is { } roleError) return roleError;
        if (role is null || !Roles.All.Contains(role))
            return $"The token's role claim must be one of {string.Join(", ", Roles.All)}.";
        if (One(principal, Claims.Unit, out var unit) is { } unitError) return unitError;
        if (unit is null && Roles.ActsForUnit(role)) return $"A {role} token must carry the unit it acts for in its unit claim.";
        if (unit is not null && units.Error(unit, "The token's unit claim") is { } invalidUnit) return invalidUnit;
        if (One(principal, Claims.Subject, out var subject) is { } subjectError) return subjectError;
        if (subject is null && role == Roles.Subject) return "A subject token must carry its own subject code in its subject claim.";
        if (subject is not null && SubjectCode.ValidateAnyKind(subject) is var check && (!check.IsValid || check.Normalized != subject))
            return "The token's subject claim must be a valid unified social credit code or resident ID number, in upper case.";
        if (One(principal, Claims.User, out var user) is { } userError) return userError;
        if (user is { Length: > MaxUserLength } || (user is not null && user.Any(char.IsControl)))
            return $"The token's sub claim must be at most {MaxUserLength} characters without control characters.";
        return null;
    }

    /// <summary>A claim given at most once (a JSON array arrives as several claims of one type).</summary>
    private static string? One(ClaimsPrincipal principal, string type, out string? value)
    {
        var claims = principal.FindAll(type).Take(2).ToList();
        value = claims.Count == 1 ? claims[0].Value : null;
        return claims.Count > 1 ? $"The token's {type} claim must be one string, not a list." : null;
    }
}

/// <summary>Why a validly signed token was still refused (its claims break the rules above).</summary>
public sealed class TokenClaimsException(string message) : Exception(message);
