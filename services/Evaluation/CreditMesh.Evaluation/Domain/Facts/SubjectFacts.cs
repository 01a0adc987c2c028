using System.Collections.Immutable;
using CreditMesh.Calendar;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;

namespace CreditMesh.Evaluation.Domain.Facts;

/// <summary>A record as evaluation knows it. Content (category…) may be missing when its end arrived before its acceptance.</summary>
public sealed record RecordFact(string RecordId, long Version, string? Category, string? Severity, DateOnly? DecisionDate, bool Disclosed,
    DateTimeOffset? DisclosedFrom, DateTimeOffset? DisclosedUntil, DateTimeOffset? EndedAt)
{
    /// <summary>Disclosed at the instant: inside its publicity window (from its first day up to, not including, its end date) and not ended.</summary>
    public bool CountsAt(DateTimeOffset at) =>
        Category is not null && Disclosed && DisclosedFrom <= at && (DisclosedUntil is null || at < DisclosedUntil) && (EndedAt is null || at < EndedAt);
}

/// <summary>A list entry as evaluation knows it; the status follows the highest source version, as in matching.</summary>
public sealed record EntryFact(string ListEntryId, long Version, string Status, string? ListType, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
    DateTimeOffset? EndedAt)
{
    public const string Active = "Active";

    /// <summary>Active at the instant: from ValidFrom up to (not including) ValidUntil, exact at read time like expiry in matching.</summary>
    public bool ActiveAt(DateTimeOffset at) =>
        Status == Active && ListType is not null && ValidFrom <= at && (ValidUntil is null || at < ValidUntil) && (EndedAt is null || at < EndedAt);
}

public sealed record RepairFact(string RepairId, string TargetKind, string TargetId, DateTimeOffset ApprovedAt);

public sealed record ObjectionFact(string ObjectionId, string? TargetKind, string? TargetId, bool Open);

/// <summary>
/// Everything the evaluation of one subject depends on, folded from its facts stream. Facts arrive duplicated and out of order:
/// content follows the highest source version, and an end is final (a late acceptance never revives a revoked record).
/// </summary>
public sealed record SubjectFacts(string SubjectCode, string? Kind, string? Name, ImmutableDictionary<string, RecordFact> Records,
    ImmutableDictionary<string, EntryFact> Entries, ImmutableDictionary<string, RepairFact> Repairs, ImmutableDictionary<string, ObjectionFact> Objections)
    : IAggregate<SubjectFacts>
{
    public static SubjectFacts Empty(string subjectCode) => new(subjectCode, null, null, ImmutableDictionary<string, RecordFact>.Empty,
        ImmutableDictionary<string, EntryFact>.Empty, ImmutableDictionary<string, RepairFact>.Empty, ImmutableDictionary<string, ObjectionFact>.Empty);

    public static SubjectFacts Create(object firstEvent) => Empty(SubjectOf(firstEvent)).Apply(firstEvent);

    public SubjectFacts Apply(object @event) => @event switch
    {
        SubjectNoted e => this with { Kind = e.Kind, Name = e.Name },
        RecordNoted e => Noted(e),
        RecordEnded e => EndTarget(TargetKinds.Record, e.RecordId, e.At),
        EntryNoted e => Noted(e),
        RepairCompleted e => (this with { Repairs = Repairs.SetItem(e.RepairId, new RepairFact(e.RepairId, e.TargetKind, e.TargetId, e.At)) })
            .EndTarget(e.TargetKind, e.TargetId, e.At),
        ObjectionNoted e => Noted(e),
        _ => this,
    };

    /// <summary>A record or entry with an open objection on it (counted, and marked disputed in the explanation).</summary>
    public bool Disputed(string targetKind, string targetId) =>
        Objections.Values.Any(o => o.Open && o.TargetKind == targetKind && o.TargetId == targetId);

    /// <summary>The target of a known objection (ObjectionResolved may not name it).</summary>
    public (string? Kind, string? Id) TargetOf(string objectionId) =>
        Objections.TryGetValue(objectionId, out var o) ? (o.TargetKind, o.TargetId) : (null, null);

    /// <summary>Whether the subject is known to the platform (registered, or named by a record or entry).</summary>
    public bool Known => Kind is not null || !Records.IsEmpty || !Entries.IsEmpty;

    private SubjectFacts Noted(RecordNoted e)
    {
        var known = Records.GetValueOrDefault(e.RecordId);
        if (known is not null && known.Category is not null && known.Version > e.SourceVersion) return this;
        var noted = new RecordFact(e.RecordId, e.SourceVersion, e.Category, e.Severity, e.DecisionDate, e.Disclosed,
            ChinaTime.StartOf(e.PublicityFrom ?? e.DecisionDate), e.PublicityUntil is { } until ? ChinaTime.StartOf(until) : null, known?.EndedAt);
        return this with { Records = Records.SetItem(e.RecordId, noted), Kind = Kind ?? e.SubjectKind };
    }

    private SubjectFacts Noted(EntryNoted e)
    {
        var known = Entries.GetValueOrDefault(e.ListEntryId);
        if (known is null)
            return this with { Entries = Entries.SetItem(e.ListEntryId, new EntryFact(e.ListEntryId, e.SourceVersion, e.Status, e.ListType, e.ValidFrom, e.ValidUntil, null)) };
        var newer = e.SourceVersion > known.Version;
        var next = known with
        {
            ListType = known.ListType ?? e.ListType,
            ValidFrom = known.ValidFrom ?? e.ValidFrom,
            // A restoration or a later activation may carry a new validity; a stale event only fills a gap.
            ValidUntil = newer && e.ValidUntil is not null ? e.ValidUntil : known.ValidUntil ?? e.ValidUntil,
        };
        if (newer) next = next with { Status = e.Status, Version = e.SourceVersion };
        return this with { Entries = Entries.SetItem(e.ListEntryId, next) };
    }

    private SubjectFacts Noted(ObjectionNoted e)
    {
        var known = Objections.GetValueOrDefault(e.ObjectionId);
        if (known is { Open: false }) return this; // a resolution that overtook its opening stays resolved
        var objection = new ObjectionFact(e.ObjectionId, e.TargetKind ?? known?.TargetKind, e.TargetId ?? known?.TargetId, e.Open);
        var noted = this with { Objections = Objections.SetItem(e.ObjectionId, objection) };
        var ends = e is { Open: false, Upheld: true } && (objection.TargetKind == TargetKinds.ListEntry || e.Action == "Revoke");
        return ends && objection.TargetKind is { } kind && objection.TargetId is { } id ? noted.EndTarget(kind, id, e.At) : noted;
    }

    private SubjectFacts EndTarget(string kind, string id, DateTimeOffset at) => kind switch
    {
        TargetKinds.Record => this with { Records = Records.SetItem(id, End(Records.GetValueOrDefault(id) ?? Tombstone(id), at)) },
        TargetKinds.ListEntry => this with { Entries = Entries.SetItem(id, End(Entries.GetValueOrDefault(id) ?? EntryTombstone(id), at)) },
        _ => this,
    };

    private static RecordFact Tombstone(string recordId) => new(recordId, 0, null, null, null, false, null, null, null);

    private static RecordFact End(RecordFact record, DateTimeOffset at) => record.EndedAt is { } ended && ended <= at ? record : record with { EndedAt = at };

    private static EntryFact EntryTombstone(string listEntryId) => new(listEntryId, 0, "Unknown", null, null, null, null);

    private static EntryFact End(EntryFact entry, DateTimeOffset at) => entry.EndedAt is { } ended && ended <= at ? entry : entry with { EndedAt = at };

    private static string SubjectOf(object e) => e switch
    {
        SubjectNoted x => x.SubjectCode,
        RecordNoted x => x.SubjectCode,
        RecordEnded x => x.SubjectCode,
        EntryNoted x => x.SubjectCode,
        RepairCompleted x => x.SubjectCode,
        ObjectionNoted x => x.SubjectCode,
        _ => throw new InvalidOperationException($"A facts stream cannot start with {e.GetType().Name}."),
    };
}

/// <summary>The streams of a subject in the evaluation service.</summary>
public static class EvaluationStreams
{
    public static string Facts(string subjectCode) => $"evaluation-facts-{subjectCode}";

    public static string Evaluation(string subjectCode) => $"evaluation-{subjectCode}";

    public static string Sampling(string samplingId) => $"sampling-{samplingId}";
}
