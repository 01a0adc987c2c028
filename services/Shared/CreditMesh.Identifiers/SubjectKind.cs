namespace CreditMesh.Identifiers;

/// <summary>What kind of credit subject (信用主体) a code identifies; it decides which code the subject carries.</summary>
public enum SubjectKind
{
    /// <summary>法人: enterprises and other legal persons, identified by a unified social credit code.</summary>
    LegalPerson,

    /// <summary>自然人: identified by a resident identity card number.</summary>
    NaturalPerson,

    /// <summary>非法人组织: unincorporated organisations, identified by a unified social credit code.</summary>
    Organization,

    /// <summary>政府机构 and public institutions, identified by a unified social credit code.</summary>
    Government,
}
