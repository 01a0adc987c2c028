using CreditMesh.EventSourcing;

namespace CreditMesh.Evaluation.Domain.Sampling;

/// <summary>
/// A 双随机 draw (stream "sampling-{id}"), stored whole so an auditor can re-run it: who drew and for what, the inputs (every
/// subject with its grade then, the base ratio, the seed, the model version) and the result. Published as SamplingDrawn.
/// </summary>
public sealed record SampleDrawn(string SamplingId, string? DrawnByUnit, string? DrawnByUser, string? DrawnByRole, string Purpose, string Seed,
    string ModelVersion, decimal BaseRatio, IReadOnlyList<SampledSubject> Population, IReadOnlyDictionary<string, decimal> Ratios,
    IReadOnlyDictionary<string, GradeCount> Counts, IReadOnlyList<SampledSubject> Selected, DateTimeOffset DrawnAt);

/// <summary>A past draw, folded from its stream (one event).</summary>
public sealed record Sampling(SampleDrawn Drawn) : IAggregate<Sampling>
{
    public static Sampling Create(object firstEvent) => firstEvent is SampleDrawn drawn
        ? new Sampling(drawn)
        : throw new InvalidOperationException($"A sampling stream cannot start with {firstEvent.GetType().Name}.");

    public Sampling Apply(object @event) => this;
}
