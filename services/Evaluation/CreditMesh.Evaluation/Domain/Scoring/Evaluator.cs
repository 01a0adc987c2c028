using CreditMesh.Calendar;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.Evaluation.Domain.Scoring;

/// <summary>
/// Evaluates a subject's facts at an instant (pure; the instant is a parameter). Only what counts at that instant counts: a
/// record inside its publicity window and not ended, an entry active and not yet at its validUntil, so a record leaving its
/// window stops counting at that instant even before any event says so (exact at read time, like expiry in matching).
/// </summary>
public static class Evaluator
{
    public static SubjectEvaluation Evaluate(SubjectFacts facts, ModelVersion model, DateTimeOffset at)
    {
        var indicators = model.Indicators.Select(i => Score(facts, i, at)).ToList();
        var score = Math.Clamp(model.BaseScore + indicators.Sum(i => i.Points), ModelVersion.MinScore, ModelVersion.MaxScore);
        var caps = model.Caps.Where(c => facts.Entries.Values.Any(e => e.ActiveAt(at) && c.ListTypes.Contains(e.ListType!))).ToList();
        // 一票否决: a cap in force bounds the grade whatever the score (a larger Grade is a worse one).
        var grade = caps.Aggregate(model.GradeOf(score), (g, cap) => (Grade)Math.Max((int)g, (int)cap.MaxGrade));
        return new SubjectEvaluation(facts.SubjectCode, score, grade, model.Version, at, caps.Select(c => c.Code).ToList(), indicators);
    }

    /// <summary>
    /// The next instant after <paramref name="after"/> at which the evaluation may change without any event: a publicity window
    /// opening or closing, an entry's validity starting or ending, an item leaving an indicator's look-back, or the next model
    /// version taking effect. The stored evaluation (and EvaluationChanged) is brought up to date then.
    /// </summary>
    public static DateTimeOffset? NextReview(SubjectFacts facts, EvaluationModel model, DateTimeOffset after)
    {
        var lookBacks = model.Versions.SelectMany(v => v.Indicators).Select(i => i.Counts.WithinMonths).OfType<int>().Distinct().ToList();
        var instants = new List<DateTimeOffset?> { model.NextEffectiveAfter(after) };
        foreach (var r in facts.Records.Values.Where(r => r.Category is not null && r.Disclosed))
        {
            instants.AddRange([r.DisclosedFrom, r.DisclosedUntil, r.EndedAt]);
            instants.AddRange(lookBacks.Select(months => (DateTimeOffset?)ChinaTime.StartOf(r.DecisionDate!.Value.AddMonths(months))));
        }
        foreach (var e in facts.Entries.Values) instants.AddRange([e.ValidFrom, e.ValidUntil, e.EndedAt]);
        foreach (var repair in facts.Repairs.Values) instants.AddRange(lookBacks.Select(months => (DateTimeOffset?)repair.ApprovedAt.AddMonths(months)));
        return instants.OfType<DateTimeOffset>().Where(i => i > after).Select(i => (DateTimeOffset?)i).Min();
    }

    private static IndicatorResult Score(SubjectFacts facts, Indicator indicator, DateTimeOffset at)
    {
        var counts = indicator.Counts;
        var basis = counts.Kind switch
        {
            CountedKind.Record => facts.Records.Values
                .Where(r => r.CountsAt(at) && counts.Categories.Contains(r.Category!) && (counts.Severities.Count == 0 || counts.Severities.Contains(r.Severity ?? ""))
                    && (counts.WithinMonths is not { } months || at < ChinaTime.StartOf(r.DecisionDate!.Value.AddMonths(months))))
                .Select(r => Item(facts, TargetKinds.Record, r.RecordId)),
            CountedKind.ListEntry => facts.Entries.Values
                .Where(e => e.ActiveAt(at) && counts.ListTypes.Contains(e.ListType!))
                .Select(e => Item(facts, TargetKinds.ListEntry, e.ListEntryId)),
            _ => facts.Repairs.Values
                .Where(r => r.ApprovedAt <= at && (counts.WithinMonths is not { } months || at < r.ApprovedAt.AddMonths(months)))
                .Select(r => new BasisItem("Repair", r.RepairId)),
        };
        var items = basis.OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        var points = Math.Clamp(items.Count * indicator.PointsPerItem, -indicator.Cap, indicator.Cap);
        return new IndicatorResult(indicator.Code, indicator.Name, indicator.Dimension, points, items.Count, items);
    }

    private static BasisItem Item(SubjectFacts facts, string kind, string id) => new(kind, id, facts.Disputed(kind, id) ? true : null);
}
