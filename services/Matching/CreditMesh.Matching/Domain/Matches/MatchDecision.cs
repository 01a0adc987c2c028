using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Domain.Measures;

namespace CreditMesh.Matching.Domain.Matches;

/// <summary>The answer of a match, strongest first: Prohibit &gt; Restrict &gt; Review &gt; Incentive &gt; Clear (DESIGN §4.4).</summary>
public enum Decision { Prohibit, Restrict, Review, Incentive, Clear }

/// <summary>A list entry that triggers measures for the matter, with those measures.</summary>
public sealed record Hit(EntryFound Found, IReadOnlyList<Measure> Measures);

/// <summary>The evaluated match: decision, the hits that decide it, and incentives withheld because of punishment.</summary>
public sealed record MatchResult(Decision Decision, IReadOnlyList<Hit> Hits, IReadOnlyList<Hit> Suppressed, string CatalogVersion);

/// <summary>联合奖惩比对: which measures of the catalogue apply to the entries found for a subject, for one matter.</summary>
public static class MatchEvaluation
{
    public static MatchResult Evaluate(CatalogueVersion catalogue, string matterCode, IEnumerable<EntryFound> found)
    {
        var hits = new List<Hit>();
        foreach (var f in found)
        {
            // By association only the measures marked so reach the legal representative (限制高消费规定 art. 3).
            var measures = catalogue.Measures
                .Where(m => m.AppliesTo(f.Entry.ListType, matterCode) && (f.Association is null || m.Associating))
                .ToList();
            if (measures.Count > 0) hits.Add(new Hit(f, measures));
        }
        var punishing = hits.Where(h => h.Measures.Any(m => m.Kind == MeasureKind.Punishment)).ToList();
        // 一票否决: any punishment withholds every incentive; the incentives are reported as suppressed.
        var suppressed = punishing.Count > 0 ? hits.Where(h => h.Measures.All(m => m.Kind == MeasureKind.Incentive)).ToList() : [];
        var decided = punishing.Count > 0 ? punishing : hits;
        var decision = decided.SelectMany(h => h.Measures).Select(DecisionOf).DefaultIfEmpty(Decision.Clear).Min();
        return new MatchResult(decision, Order(decided), Order(suppressed), catalogue.Version);
    }

    /// <summary>Supervision (重点监管) reads as Review for the approver; every incentive strength reads as Incentive.</summary>
    public static Decision DecisionOf(Measure measure) => measure.Strength switch
    {
        MeasureStrength.Prohibit => Decision.Prohibit,
        MeasureStrength.Restrict => Decision.Restrict,
        MeasureStrength.Review or MeasureStrength.HeightenedSupervision => Decision.Review,
        _ => Decision.Incentive,
    };

    private static List<Hit> Order(List<Hit> hits) =>
        hits.OrderBy(h => h.Measures.Select(DecisionOf).Min()).ThenBy(h => h.Found.Entry.ListEntryId, StringComparer.Ordinal).ToList();
}
