using System.Collections.Concurrent;
using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;

namespace CreditMesh.Matching.Index;

/// <summary>
/// The in-memory index each replica answers matches from: active entries per subject, and which organisations a
/// person represents. One writer (the tailer) replaces a subject's array whole, so readers never lock and never
/// see half a change. Expiry is checked at read time, so an entry past its ValidUntil never hits.
/// </summary>
public sealed class SubjectIndex
{
    private readonly ConcurrentDictionary<string, ActiveEntry[]> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _representativeOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _represents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubjectGrade> _grades = new(StringComparer.Ordinal);

    public int Subjects => _entries.Count;
    public long Entries => _entries.Values.Sum(e => (long)e.Length);

    /// <summary>The subject's own entries in force at the instant, and court-defaulter entries of organisations it legally represents.</summary>
    public List<EntryFound> Find(string subjectCode, DateTimeOffset at)
    {
        var found = new List<EntryFound>();
        if (_entries.TryGetValue(subjectCode, out var own))
            foreach (var entry in own)
                if (entry.InForceAt(at)) found.Add(new EntryFound(entry));
        if (_represents.TryGetValue(subjectCode, out var organisations))
            foreach (var organisation in organisations)
                if (_entries.TryGetValue(organisation, out var theirs))
                    foreach (var entry in theirs)
                        if (entry.ListType == ListType.CourtDefaulter && entry.InForceAt(at))
                            found.Add(new EntryFound(entry, new Association(Association.LegalRepresentative, organisation)));
        return found;
    }

    /// <summary>Sets an entry's state: kept when it hits (and has not expired yet), dropped otherwise.</summary>
    public void Put(string subjectCode, string listEntryId, ActiveEntry? entry, DateTimeOffset now)
    {
        var current = _entries.TryGetValue(subjectCode, out var existing) ? existing : [];
        var next = current.Where(e => e.ListEntryId != listEntryId && e.ValidUntil > now).ToList();
        if (entry is not null && entry.ValidUntil > now) next.Add(entry);
        if (next.Count == 0) _entries.TryRemove(subjectCode, out _);
        else _entries[subjectCode] = [.. next];
    }

    /// <summary>Bulk load at start-up: the caller gives each subject's entries once.</summary>
    public void Load(string subjectCode, ActiveEntry[] entries) => _entries[subjectCode] = entries;

    /// <summary>The subject's grade as last published by the evaluation service, if it has one (DESIGN §4.7).</summary>
    public SubjectGrade? GradeOf(string subjectCode) => _grades.TryGetValue(subjectCode, out var grade) ? grade : null;

    /// <summary>Grades and model versions are a handful of strings repeated for every subject: one instance each keeps the index small.</summary>
    public void SetGrade(string subjectCode, SubjectGrade grade) =>
        _grades[subjectCode] = grade with { Grade = string.Intern(grade.Grade), ModelVersion = string.Intern(grade.ModelVersion) };

    public void SetRepresentative(string organisation, string idNumber)
    {
        if (_representativeOf.TryGetValue(organisation, out var previous) && previous != idNumber && _represents.TryGetValue(previous, out var was))
        {
            var rest = was.Where(o => o != organisation).ToArray();
            if (rest.Length == 0) _represents.TryRemove(previous, out _);
            else _represents[previous] = rest;
        }
        _representativeOf[organisation] = idNumber;
        var now = _represents.TryGetValue(idNumber, out var current) ? current : [];
        if (!now.Contains(organisation)) _represents[idNumber] = [.. now, organisation];
    }
}
