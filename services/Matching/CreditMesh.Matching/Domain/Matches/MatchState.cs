using CreditMesh.EventSourcing;

namespace CreditMesh.Matching.Domain.Matches;

/// <summary>A logged match as its stream tells it: who asked, which measures were hit, and the feedback if any.</summary>
public sealed record MatchState(string MatchId, string SubjectCode, string? Unit, string? User, IReadOnlyList<string> HitMeasureCodes,
    FeedbackReported? Feedback) : IAggregate<MatchState>
{
    public static MatchState Create(object firstEvent) => firstEvent is MatchAnswered a
        ? new MatchState(a.MatchId, a.SubjectCode, a.Unit, a.User, a.Hits.SelectMany(h => h.MeasureCodes).Distinct().ToList(), null)
        : throw new InvalidOperationException($"A match stream starts with {nameof(MatchAnswered)}, not {firstEvent.GetType().Name}.");

    public MatchState Apply(object @event) => @event is FeedbackReported f ? this with { Feedback = f } : this;
}
