using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Gateway;

/// <summary>Section "RateLimits": requests per second per client, by role; the public per IP address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Approval systems call match on every permit: they get the most.</summary>
    [Range(1, 1_000_000)] public int ApproverPerSecond { get; set; } = 5000;
    [Range(1, 1_000_000)] public int MemberUnitPerSecond { get; set; } = 1000;
    [Range(1, 1_000_000)] public int OtherRolesPerSecond { get; set; } = 200;
    [Range(1, 1_000_000)] public int AnonymousPerSecond { get; set; } = 20;
}
