namespace CreditMesh.Contracts.Vocabulary;

/// <summary>The roles a token can carry (DESIGN §5), as they appear in its <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>成员单位: publishes records, determines list entries and decides repairs in its own field.</summary>
    public const string MemberUnit = "member-unit";

    /// <summary>审批系统: matches subjects before granting, then reports feedback on its own matches.</summary>
    public const string Approver = "approver";

    /// <summary>Replays histories, re-runs past matches (asOf), verifies integrity, reads access logs.</summary>
    public const string Auditor = "auditor";

    /// <summary>信用中心: keeps the catalogue, rules and measures and may decide for any unit.</summary>
    public const string CreditCenter = "credit-center";

    /// <summary>信用主体: an enterprise or person acting on its own code only.</summary>
    public const string Subject = "subject";

    /// <summary>The public: disclosures only.</summary>
    public const string Public = "public";

    /// <summary>全国信用信息共享平台: the national platform's client, reading the change feed and acknowledging it (DESIGN §4.10).</summary>
    public const string Exchange = "exchange";

    public static readonly IReadOnlyList<string> All = [MemberUnit, Approver, Auditor, CreditCenter, Subject, Public, Exchange];

    /// <summary>Roles that act for an organisation and must name it in a well-formed <c>unit</c> claim (DESIGN §5).</summary>
    public static bool ActsForUnit(string? role) => role is MemberUnit or Approver or Exchange;

    /// <summary>Roles that see personal identity numbers unmasked (DESIGN §7).</summary>
    public static bool SeesPersonalData(string? role) => role is Auditor or CreditCenter;
}

/// <summary>Claim names in CreditMesh tokens.</summary>
public static class Claims
{
    public const string Role = "role";
    public const string Unit = "unit";
    public const string Subject = "subject";
    public const string User = "sub";
}
