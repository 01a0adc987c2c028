namespace CreditMesh.Lists.Domain;

/// <summary>名单类型 (DESIGN §4.3): the lists an entry can be on, by their API names.</summary>
public enum ListType
{
    /// <summary>严重失信主体名单 (black).</summary>
    SeriousDishonesty,
    /// <summary>失信被执行人 (black, decided by a court).</summary>
    CourtDefaulter,
    /// <summary>重点关注名单 (grey).</summary>
    KeyAttention,
    /// <summary>红名单 (red).</summary>
    RedList,
}

/// <summary>Black lists punish, grey lists heighten supervision, red lists reward; a black entry vetoes red ones (一票否决).</summary>
public enum ListKind { Black, Grey, Red }

public enum EntryStatus { Proposed, Active, Suspended, Removed }

/// <summary>Why an entry left its list (DESIGN §4.3).</summary>
public enum RemovalReason { Expired, Repaired, BasisRevoked, ObjectionUpheld, Withdrawn }

/// <summary>
/// Which determination rule made an entry: decides how a change to its basis records is judged. NationalList: imported from a
/// list the national platform issued (国家下发名单); it rests on the national body's decision, not on records known here.
/// </summary>
public enum DeterminationRule { SeriousPenalty, MajorTaxViolation, CourtDefaulter, RepeatedGeneralPenalties, CommitmentBreach, Honor, ManualProposal, NationalList }
