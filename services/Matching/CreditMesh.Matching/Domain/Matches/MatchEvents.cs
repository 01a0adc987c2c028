namespace CreditMesh.Matching.Domain.Matches;

/// <summary>One hit as logged: the entry, how it reached the subject, and the codes of the measures it triggered.</summary>
public sealed record LoggedHit(string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset ValidUntil, string? AssociationOf,
    IReadOnlyList<string> MeasureCodes);

/// <summary>
/// 查询留痕: who asked (unit, user, role), about whom, for which matter, and what was answered (DESIGN §4.4).
/// The asker is part of the event, not only of its metadata, because matches are group-committed many to a transaction.
/// </summary>
public sealed record MatchAnswered(
    string MatchId,
    string SubjectCode,
    string MatterCode,
    string Decision,
    IReadOnlyList<LoggedHit> Hits,
    IReadOnlyList<LoggedHit> Suppressed,
    DateTimeOffset EvaluatedAt,
    DateTimeOffset? AsOf,
    string CatalogVersion,
    string? Unit,
    string? User,
    string? Role);

/// <summary>The approval system's feedback (嵌入式反馈): the outcome, measures applied, and each one not applied with its reason.</summary>
public sealed record FeedbackReported(
    string MatchId,
    string SubjectCode,
    string Outcome,
    IReadOnlyList<string> Applied,
    IReadOnlyList<NotApplied> NotApplied,
    DateTimeOffset ReportedAt,
    string? Unit,
    string? User);

public sealed record NotApplied(string Code, string Reason);
