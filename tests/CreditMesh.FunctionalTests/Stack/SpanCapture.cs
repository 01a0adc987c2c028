using System.Collections;
using System.Diagnostics;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Spans exported by every host (in-memory exporter), safe to read while hosts export.</summary>
public sealed class SpanCapture : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    /// <summary>Each span's name and string tag values.</summary>
    public List<string> Texts()
    {
        lock (_spans) return _spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Value}").Append(s.DisplayName)).ToList();
    }

    public void Add(Activity item) { lock (_spans) _spans.Add(item); }
    public void Clear() { lock (_spans) _spans.Clear(); }
    public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }
    public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }
    public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }
    public int Count { get { lock (_spans) return _spans.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<Activity> GetEnumerator() { lock (_spans) return _spans.ToList().GetEnumerator(); }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
