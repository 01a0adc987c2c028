using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>
/// One credit subject as the lists service sees it, kept in memory for decider tests: records arrive,
/// the decider's changes are applied as the store would apply them, and the entries can be read back.
/// </summary>
internal sealed class Subject(DeterminationRules? rules = null)
{
    public const string Code = "9144030071526726XG";
    public const string Market = "11440300MB2C928511";
    public const string Court = "11440300MA5F0000X9";

    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, ChinaTime.Offset);

    private readonly Dictionary<string, KnownRecord> _records = [];
    private readonly Dictionary<string, TrackedEntry> _entries = [];
    private readonly HashSet<string> _underObjection = [];

    public DeterminationRules Rules { get; } = rules ?? DeterminationRules.Default;
    public SubjectDecider Decider => new(Rules, Calendar);
    public List<object> Written { get; } = [];

    public SubjectFacts Facts => new(Code, _records.Values.ToList(), _entries.Values.ToList(), _underObjection);

    public static KnownRecord Record(string id, string category, string? severity = null, DateOnly? decided = null, DateOnly? validUntil = null,
        string unit = Market) =>
        new(id, Code, unit, category, severity, decided ?? new DateOnly(2026, 5, 10), validUntil, Accepted: true, Revoked: false);

    public static KnownRecord General(string id, DateOnly decided) => Record(id, RecordCategories.AdministrativePenalty, Severities.General, decided);

    /// <summary>The record becomes known as given, then the subject is reconciled at <paramref name="at"/>.</summary>
    public IReadOnlyList<EntryChange> Receive(KnownRecord record, DateTimeOffset? at = null)
    {
        _records[record.RecordId] = record;
        return Apply(Decider.Reconcile(Facts, at ?? Now));
    }

    public IReadOnlyList<EntryChange> Revoke(string recordId, DateTimeOffset? at = null)
    {
        _records[recordId] = _records.TryGetValue(recordId, out var known)
            ? known with { Revoked = true }
            : new KnownRecord(recordId, Code, null, null, null, null, null, Accepted: false, Revoked: true);
        return Apply(Decider.Reconcile(Facts, at ?? Now));
    }

    /// <summary>An acceptance arriving for a record lists may already know (as a tombstone): the revocation stays.</summary>
    public IReadOnlyList<EntryChange> Accept(KnownRecord record, DateTimeOffset? at = null) =>
        Receive(_records.TryGetValue(record.RecordId, out var known) ? record with { Revoked = known.Revoked } : record, at);

    public IReadOnlyList<EntryChange> Reconcile(DateTimeOffset at) => Apply(Decider.Reconcile(Facts, at));

    public IReadOnlyList<EntryChange> Remove(string listEntryId, RemovalReason reason, DateTimeOffset? at = null) =>
        Apply(Decider.Remove(Facts, listEntryId, reason, "test", at ?? Now));

    public void OpenObjection(string listEntryId) => _underObjection.Add(listEntryId);
    public void CloseObjection(string listEntryId) => _underObjection.Remove(listEntryId);

    public IReadOnlyList<EntryChange> Apply(IReadOnlyList<EntryChange> changes)
    {
        foreach (var change in changes)
        {
            var current = _entries.GetValueOrDefault(change.ListEntryId);
            Assert.That(change.ExpectedVersion, Is.EqualTo(current?.Version ?? 0), "changes are decided on the version read");
            var state = current?.State;
            foreach (var e in change.Events) state = state is null ? ListEntryState.Create(e) : state.Apply(e);
            _entries[change.ListEntryId] = new TrackedEntry(state!, change.ExpectedVersion + change.Events.Count);
            Written.AddRange(change.Events);
        }
        return changes;
    }

    public IReadOnlyList<ListEntryState> Entries => _entries.Values.Select(e => e.State).ToList();

    public ListEntryState Single(ListType listType) => Entries.Single(e => e.ListType == listType);

    public ListEntryState Entry(string id) => _entries[id].State;
}
