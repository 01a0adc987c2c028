using CreditMesh.Calendar;
namespace CreditMesh.Lists.Domain;

/// <summary>An entry a subject's records call for: its list, the rule, the basis, who determined it and until when.</summary>
public sealed record Candidate(string SubjectCode, ListType ListType, DeterminationRule Rule, IReadOnlyList<string> BasisRecordIds, string DeterminedBy,
    DateTimeOffset ValidUntil)
{
    public string ListEntryId => ListEntryIds.For(ListType, SubjectCode, BasisRecordIds);
}

/// <summary>The determination rules of DESIGN §4.3 applied to one subject's counting records (pure).</summary>
public static class Determination
{
    /// <summary>Every entry the records call for, one per qualifying record, plus at most one for repeated general penalties.</summary>
    public static IEnumerable<Candidate> Candidates(string subjectCode, IReadOnlyList<KnownRecord> records, DeterminationRules rules)
    {
        foreach (var record in records.Where(r => r.Counts))
            if (SingleRecordRule(record) is { } rule)
            {
                var listType = DeterminationRules.ListOf(rule);
                yield return new Candidate(subjectCode, listType, rule, [record.RecordId], record.SourceUnit!, ValidUntil(record, listType, rules));
            }
        if (RepeatedGenerals(records, rules) is { } window)
        {
            var latest = window[^1];
            yield return new Candidate(subjectCode, ListType.KeyAttention, DeterminationRule.RepeatedGeneralPenalties,
                window.Select(r => r.RecordId).Order(StringComparer.Ordinal).ToList(), latest.SourceUnit!,
                ChinaTime.StartOf(latest.DecisionDate!.Value.AddMonths(rules[ListType.KeyAttention].ValidityMonths)));
        }
    }

    /// <summary>The rules that one record meets on its own (a record has one category, so at most one applies).</summary>
    private static readonly DeterminationRule[] SingleRecordRules =
        [DeterminationRule.SeriousPenalty, DeterminationRule.MajorTaxViolation, DeterminationRule.CourtDefaulter, DeterminationRule.CommitmentBreach, DeterminationRule.Honor];

    private static DeterminationRule? SingleRecordRule(KnownRecord record)
    {
        foreach (var rule in SingleRecordRules)
            if (record.Supports(rule)) return rule;
        return null;
    }

    /// <summary>
    /// Court defaulters and honours last as the record says (DESIGN §4.3 "as the record says"), through that
    /// day; otherwise the list's validity runs from the decision date, so a redelivered or replayed record
    /// always gives the same period (ADR 0007).
    /// </summary>
    public static DateTimeOffset ValidUntil(KnownRecord record, ListType listType, DeterminationRules rules) =>
        listType is ListType.CourtDefaulter or ListType.RedList && record.ValidUntil is { } until
            ? ChinaTime.EndOf(until)
            : ChinaTime.StartOf(record.DecisionDate!.Value.AddMonths(rules[listType].ValidityMonths));

    /// <summary>
    /// 重点关注: the latest window of 12 months holding at least 3 general penalties, oldest first. The window
    /// ending on decision date D holds the decisions after D − 12 months, up to D: a penalty decided exactly
    /// 12 months before D is outside it (ADR 0007).
    /// </summary>
    public static IReadOnlyList<KnownRecord>? RepeatedGenerals(IReadOnlyList<KnownRecord> records, DeterminationRules rules)
    {
        var generals = records.Where(r => r.Counts && r.IsGeneralPenalty)
            .OrderBy(r => r.DecisionDate).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        for (var end = generals.Count - 1; end >= 0; end--)
        {
            var window = InWindowEndingOn(generals, generals[end].DecisionDate!.Value, rules);
            if (window.Count >= rules.RepeatPenaltyThreshold) return window;
        }
        return null;
    }

    /// <summary>The general penalties among <paramref name="generals"/> decided in the window that ends on <paramref name="end"/>.</summary>
    public static IReadOnlyList<KnownRecord> InWindowEndingOn(IEnumerable<KnownRecord> generals, DateOnly end, DeterminationRules rules) =>
        generals.Where(r => r.Counts && r.IsGeneralPenalty && r.DecisionDate <= end && r.DecisionDate > end.AddMonths(-rules.RepeatPenaltyWindowMonths))
            .OrderBy(r => r.DecisionDate).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
}
