using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain.Objections;

/// <summary>异议申请: the subject disputes a record or list entry; the owning unit resolves it.</summary>
public sealed record ObjectionRaised(string ObjectionId, string SubjectCode, TargetKind TargetKind, string TargetId, string OwnerUnit, string Grounds,
    DateTimeOffset RaisedAt);

/// <summary>异议处理: upheld (the record is corrected or revoked) or rejected (nothing changes), with the reason.</summary>
/// <param name="Correction">What the owning unit will correct, when the action is Correct: it sends the corrected record itself.</param>
public sealed record ObjectionSettled(string ObjectionId, string SubjectCode, TargetKind TargetKind, string TargetId, bool Upheld,
    ObjectionAction Action, string? Correction, string Reason, DateTimeOffset SettledAt);

/// <summary>What an upheld objection leads to: the record corrected or revoked (the entry withdrawn); None when rejected.</summary>
public enum ObjectionAction { None, Correct, Revoke }
