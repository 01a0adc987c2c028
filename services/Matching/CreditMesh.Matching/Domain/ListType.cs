namespace CreditMesh.Matching.Domain;

/// <summary>The lists (名单) the lists service determines, as their ListType strings travel in list events (DESIGN §4.3).</summary>
public enum ListType
{
    /// <summary>严重失信主体名单 (black).</summary>
    SeriousDishonesty,

    /// <summary>失信被执行人 (black).</summary>
    CourtDefaulter,

    /// <summary>重点关注名单 (grey).</summary>
    KeyAttention,

    /// <summary>红名单 (red).</summary>
    RedList,
}
