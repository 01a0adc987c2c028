namespace CreditMesh.Lists.Domain;

/// <summary>What every event of a list entry stream names: the entry and its subject.</summary>
public interface IEntryEvent
{
    string ListEntryId { get; }
    string SubjectCode { get; }
}

/// <summary>认定 (proposed): the subject is notified and may object until <see cref="ObjectionWindowEndsAt"/>.</summary>
public sealed record EntryProposed(string ListEntryId, ListType ListType, string SubjectCode, string DeterminedBy, IReadOnlyList<string> BasisRecordIds,
    DeterminationRule Rule, string RuleVersion, DateTimeOffset ValidUntil, DateTimeOffset ObjectionWindowEndsAt, string? Reason, DateTimeOffset ProposedAt) : IEntryEvent;

/// <summary>
/// The entry takes effect: matching hits it from ValidFrom until the exclusive ValidUntil. Starts the stream when no notice is needed.
/// An entry imported from a national list names its national id, the national basis and the subject's name as the list gave them.
/// </summary>
public sealed record EntryActivated(string ListEntryId, ListType ListType, string SubjectCode, string DeterminedBy, IReadOnlyList<string> BasisRecordIds,
    DeterminationRule Rule, string RuleVersion, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset ActivatedAt,
    string? NationalId = null, string? Basis = null, string? SubjectName = null) : IEntryEvent;

/// <summary>移出名单: the entry leaves its list for good.</summary>
public sealed record EntryRemoved(string ListEntryId, string SubjectCode, RemovalReason Reason, string? Detail, DateTimeOffset RemovedAt) : IEntryEvent;

/// <summary>一票否决: a red entry is suspended while the subject has an active black entry (the first one is named).</summary>
public sealed record EntrySuspended(string ListEntryId, string SubjectCode, string CausedBy, DateTimeOffset SuspendedAt) : IEntryEvent;

/// <summary>The last active black entry of the subject went and this red entry is still valid: it counts again.</summary>
public sealed record EntryRestored(string ListEntryId, string SubjectCode, DateTimeOffset ValidUntil, DateTimeOffset RestoredAt) : IEntryEvent;
