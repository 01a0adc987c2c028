using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Sampling;
using CreditMesh.Evaluation.Domain.Scoring;
using CreditMesh.Messaging;
using JasperFx.Events;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Evaluation.Features;

/// <summary>
/// What evaluation tells other services (published by the outbox relay): every version of an evaluation stream is one
/// EvaluationChanged (the registry's archive expects no holes, ADR 0005); a draw is SamplingDrawn. The facts streams stay inside.
/// </summary>
public sealed class EvaluationEventMapper : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> Unpublished { get; } =
        [typeof(SubjectNoted), typeof(RecordNoted), typeof(RecordEnded), typeof(EntryNoted), typeof(RepairCompleted), typeof(ObjectionNoted)];

    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        Contracts.IIntegrationEvent? mapped = stored.Data switch
        {
            SubjectEvaluated e => new Contracts.EvaluationChanged(id, at, e.SubjectCode, stream, version, correlation, actor, e.Score, e.Grade,
                e.ModelVersion, e.Caps, e.PreviousScore, e.PreviousGrade),
            SampleDrawn d => new Contracts.SamplingDrawn(id, at, "", stream, version, correlation, actor, d.SamplingId, d.DrawnByUnit, d.Purpose, d.Seed,
                d.ModelVersion, d.BaseRatio, d.Population.Count, d.Selected.Select(s => s.SubjectCode).ToList()),
            _ => null,
        };
        if (mapped is not null) yield return mapped;
    }
}
