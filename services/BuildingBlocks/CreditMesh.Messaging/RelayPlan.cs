using CreditMesh.Contracts;

namespace CreditMesh.Messaging;

/// <summary>
/// How a relay packs one page of integration events into envelopes (<see cref="EventBatch{T}"/>, ADR 0018), keeping the
/// promise the relay made per event: each stream's events are published in version order, a later one only after the
/// broker confirmed the one before. A stream's events are cut into runs of one type, at most <c>limit</c> long; the k-th
/// run of every stream goes into round k, and a round's runs of one type are packed whole into envelopes of at most
/// <c>limit</c> events. Rounds go out one after another, a round's envelopes side by side, so a page whose streams each
/// hold one kind of event (a batch of records, a page of matches) is a single round.
/// </summary>
public static class RelayPlan
{
    /// <summary>The rounds of envelopes for a page of integration events in commit order.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<IIntegrationEvent>>> Rounds(IEnumerable<(string Stream, IIntegrationEvent Event)> page, int limit) =>
        Rounds(page, e => e, limit);

    /// <summary>
    /// The rounds of envelopes for a page in commit order, of items that carry an integration event (the relay keeps each
    /// one's stored event with it); each envelope's events are of one type, in commit order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<T>>> Rounds<T>(IEnumerable<(string Stream, T Item)> page, Func<T, IIntegrationEvent> eventOf, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var current = new Dictionary<string, (List<T> Run, Type Type, int Round)>(StringComparer.Ordinal);
        var rounds = new List<Dictionary<Type, List<List<T>>>>();
        foreach (var (stream, e) in page)
        {
            var type = eventOf(e).GetType();
            if (current.TryGetValue(stream, out var at) && at.Type == type && at.Run.Count < limit)
            {
                at.Run.Add(e);
                continue;
            }
            var round = current.TryGetValue(stream, out at) ? at.Round + 1 : 0;
            if (round == rounds.Count) rounds.Add([]);
            if (!rounds[round].TryGetValue(type, out var runs)) rounds[round][type] = runs = [];
            List<T> run = [e];
            runs.Add(run);
            current[stream] = (run, type, round);
        }
        return [.. rounds.Select(round => (IReadOnlyList<IReadOnlyList<T>>)[.. round.Values.SelectMany(runs => Pack(runs, limit))])];
    }

    /// <summary>Whole runs into envelopes of at most <paramref name="limit"/> events, in the order the runs began.</summary>
    private static IEnumerable<IReadOnlyList<T>> Pack<T>(List<List<T>> runs, int limit)
    {
        var envelope = new List<T>();
        foreach (var run in runs)
        {
            if (envelope.Count + run.Count > limit)
            {
                yield return envelope;
                envelope = [];
            }
            envelope.AddRange(run);
        }
        if (envelope.Count > 0) yield return envelope;
    }
}
