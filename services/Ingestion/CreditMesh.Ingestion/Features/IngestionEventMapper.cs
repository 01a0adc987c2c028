using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Ingestion.Features;

/// <summary>What ingestion tells other services about records (published by the outbox relay; one event per stream version).</summary>
public sealed class IngestionEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(StoredEvent stored)
    {
        if (stored.Data is not RecordAccepted e) yield break;
        var actor = stored.Metadata.Actor is { } a ? new Contracts.Actor(a.Unit, a.User, a.Role) : null;
        var r = e.Record;
        yield return new Contracts.CreditRecordAccepted(stored.Id, stored.CreatedAt, r.Subject.Code, stored.StreamId, stored.Version,
            stored.Metadata.CorrelationId, actor, e.RecordId, e.SourceUnit, r.Category.ToString(), r.Subject.Name, r.Subject.Kind.ToString(),
            r.DecisionDate, r.Severity?.ToString(), r.Subject.LegalRepresentative?.Name, r.Subject.LegalRepresentative?.IdNumber,
            e.Publicity.Disclosed, e.Publicity.From, e.Publicity.MaxUntil);
    }
}
