namespace CreditMesh.Lists.Domain;

/// <summary>An entry with the stream version it was read at (the expected version of the next append).</summary>
public sealed record TrackedEntry(ListEntryState State, long Version);

/// <summary>Everything a determination for one subject looks at: its known records, its entries and which entries are under objection.</summary>
public sealed record SubjectFacts(string SubjectCode, IReadOnlyList<KnownRecord> Records, IReadOnlyList<TrackedEntry> Entries,
    IReadOnlySet<string> EntriesUnderObjection);

/// <summary>Events to write to one entry stream: a new stream when <see cref="ExpectedVersion"/> is 0.</summary>
public sealed record EntryChange(string ListEntryId, long ExpectedVersion, IReadOnlyList<object> Events);

/// <summary>The subject's entries while a decision is being made: each event is applied at once, so later steps see it.</summary>
internal sealed class SubjectWorkspace(SubjectFacts facts)
{
    private readonly Dictionary<string, (ListEntryState? State, long Version, List<object> Events)> _entries =
        facts.Entries.ToDictionary(e => e.State.ListEntryId, e => ((ListEntryState?)e.State, e.Version, new List<object>()));

    public SubjectFacts Facts => facts;

    public IEnumerable<ListEntryState> Entries => _entries.Values.Where(e => e.State is not null).Select(e => e.State!).ToList();

    public IEnumerable<ListEntryState> Live => Entries.Where(e => e.IsLive);

    public bool Knows(string listEntryId) => _entries.ContainsKey(listEntryId);

    public ListEntryState? Find(string listEntryId) => _entries.TryGetValue(listEntryId, out var e) ? e.State : null;

    public void Emit(string listEntryId, object @event)
    {
        if (!_entries.TryGetValue(listEntryId, out var entry)) entry = (null, 0, []);
        entry.Events.Add(@event);
        _entries[listEntryId] = (entry.State is null ? ListEntryState.Create(@event) : entry.State.Apply(@event), entry.Version, entry.Events);
    }

    public IReadOnlyList<EntryChange> Changes =>
        _entries.Where(e => e.Value.Events.Count > 0).Select(e => new EntryChange(e.Key, e.Value.Version, e.Value.Events)).ToList();
}
