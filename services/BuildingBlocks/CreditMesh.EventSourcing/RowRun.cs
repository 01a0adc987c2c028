using Marten;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Rows of one kind that a projection meets one after another, written by one set-based statement instead of one
/// statement each (a batch of 1,000 accepted records: one upsert, not 1,000). Order is kept: the projection flushes the
/// run before it queues any other write, and a row whose key is already in the run flushes it first (one upsert cannot
/// touch the same row twice). Make one per <c>ApplyAsync</c> call; projections are shared by concurrent sessions.
/// </summary>
public sealed class RowRun<TRow>(Func<TRow, string> key, Action<IDocumentOperations, IReadOnlyList<TRow>> write)
{
    private readonly List<TRow> _rows = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public void Add(IDocumentOperations operations, TRow row)
    {
        if (!_keys.Add(key(row)))
        {
            Flush(operations);
            _keys.Add(key(row));
        }
        _rows.Add(row);
    }

    public void Flush(IDocumentOperations operations)
    {
        if (_rows.Count == 0) return;
        write(operations, [.. _rows]);
        _rows.Clear();
        _keys.Clear();
    }
}

/// <summary>The rule of <see cref="RowRun{TRow}"/> for rows already in hand: consecutive runs, none holding a key twice, in order.</summary>
public static class RowRuns
{
    public static IEnumerable<IReadOnlyList<TRow>> Split<TRow>(IEnumerable<TRow> rows, Func<TRow, string> key)
    {
        var run = new List<TRow>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!keys.Add(key(row)))
            {
                yield return run;
                (run, keys) = ([], new HashSet<string>(StringComparer.Ordinal) { key(row) });
            }
            run.Add(row);
        }
        if (run.Count > 0) yield return run;
    }
}
