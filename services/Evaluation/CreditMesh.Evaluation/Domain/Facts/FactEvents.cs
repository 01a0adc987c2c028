namespace CreditMesh.Evaluation.Domain.Facts;

// What the evaluation service learned from other services' integration events, stored on the subject's facts stream
// ("evaluation-facts-{code}") so an evaluation as of any instant folds exactly what was known then. Each fact carries the
// source stream's version (events arrive twice and out of order) and when it happened at its source.

/// <summary>The registry registered the subject (a provisional registration adds nothing a record does not carry).</summary>
public sealed record SubjectNoted(string SubjectCode, string Kind, string Name, DateTimeOffset At);

/// <summary>A record was accepted or corrected: its category, severity, decision date and publicity window as ingestion judged them.</summary>
public sealed record RecordNoted(string SubjectCode, string RecordId, long SourceVersion, string Category, string? Severity, DateOnly DecisionDate,
    bool Disclosed, DateOnly? PublicityFrom, DateOnly? PublicityUntil, string? SubjectKind, DateTimeOffset At);

/// <summary>A record stopped counting at <see cref="At"/>: revoked, its disclosure ended, repaired, or revoked on an upheld objection.</summary>
public sealed record RecordEnded(string SubjectCode, string RecordId, string Reason, DateTimeOffset At);

/// <summary>A list entry changed: Proposed, Active, Suspended or Removed, with what the event says of its list and validity.</summary>
public sealed record EntryNoted(string SubjectCode, string ListEntryId, long SourceVersion, string Status, string? ListType,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset At);

/// <summary>
/// A repair (信用修复) of a record or list entry was approved: the target stops counting at the approval (信用修复管理办法 art. 3:
/// the evaluation is updated), without waiting for ingestion or lists to end it.
/// </summary>
public sealed record RepairCompleted(string SubjectCode, string RepairId, string TargetKind, string TargetId, DateTimeOffset At);

/// <summary>
/// An objection (异议) was opened on a record or entry (Open) or resolved (not Open). An upheld one that revokes a record, or any
/// upheld one on a list entry (lists remove it), ends its target at the resolution. The target may be missing on a resolution.
/// </summary>
public sealed record ObjectionNoted(string SubjectCode, string ObjectionId, string? TargetKind, string? TargetId, bool Open, bool Upheld,
    string? Action, DateTimeOffset At);
