namespace CreditMesh.Identifiers;

/// <summary>The codes a subject carried before the unified social credit code (三证合一 replaced them).</summary>
public enum LegacyCodeKind
{
    /// <summary>工商注册号: 15-digit business registration number.</summary>
    RegistrationNumber,

    /// <summary>组织机构代码: 9-character organisation code.</summary>
    OrganizationCode,

    /// <summary>税务登记号: 15-character tax registration number.</summary>
    TaxRegistrationNumber,
}
