using CreditMesh.Contracts.Vocabulary;
using System.Security.Claims;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>Who is calling, from the validated token: role, member unit, subject code and user.</summary>
public sealed record Caller(string? Role, string? Unit, string? Subject, string? User)
{
    public static readonly Caller Anonymous = new(null, null, null, null);

    public static Caller From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
            ? new Caller(principal.FindFirstValue(Claims.Role), principal.FindFirstValue(Claims.Unit),
                principal.FindFirstValue(Claims.Subject), principal.FindFirstValue(Claims.User))
            : Anonymous;

    public bool IsAuthenticated => Role is not null;

    public bool IsIn(params string[] roles) => Role is not null && roles.Contains(Role);

    /// <summary>A member unit acts only for its own unit (DESIGN §7); the credit centre acts for any.</summary>
    public bool MayActForUnit(string unit) => Role == Roles.CreditCenter || (Role == Roles.MemberUnit && Unit == unit);

    /// <summary>A subject sees and applies only for its own code.</summary>
    public bool IsSubjectItself(string subjectCode) => Role == Roles.Subject && string.Equals(Subject, subjectCode, StringComparison.Ordinal);

    public bool SeesPersonalData => Roles.SeesPersonalData(Role);

    /// <summary>For the access log and event metadata: never includes personal data.</summary>
    public override string ToString() => $"{Role ?? "anonymous"}:{Unit ?? Subject ?? "-"}:{User ?? "-"}";
}
