using JasperFx.Events;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Ingestion.Features;

/// <summary>What ingestion tells other services about records (published by the outbox relay; one event per stream version).</summary>
public sealed class IngestionEventMapper : IIntegrationEventMapper
{
    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        // Every version of a record stream is published (the registry's archive expects no holes, ADR 5).
        switch (stored.Data)
        {
            case RecordCorrected c:
                yield return new Contracts.CreditRecordCorrected(id, at, c.Record.Subject.Code, stream, version,
                    correlation, actor, c.RecordId, c.Reason, c.Record.Category.ToString(), c.Record.Severity?.ToString(), c.Record.DecisionDate,
                    c.Record.ValidUntil, c.Publicity.Disclosed, c.Publicity.From, c.Publicity.MinUntil, c.Publicity.MaxUntil, c.Publicity.RuleVersion,
                    actor?.Unit, ContentOf(c.Record), c.Record.Subject.Name, c.Record.Subject.Kind.ToString());
                yield break;
            case RecordRevoked v:
                yield return new Contracts.CreditRecordRevoked(id, at, v.SubjectCode, stream, version,
                    correlation, actor, v.RecordId, v.Reason, v.ObjectionId);
                yield break;
            case RecordDisclosureEnded d:
                yield return new Contracts.CreditRecordDisclosureEnded(id, at, d.SubjectCode, stream, version,
                    correlation, actor, d.RecordId, d.Reason);
                yield break;
            case not RecordAccepted:
                yield break;
        }
        var e = (RecordAccepted)stored.Data;
        var r = e.Record;
        yield return new Contracts.CreditRecordAccepted(id, at, r.Subject.Code, stream, version,
            correlation, actor, e.RecordId, e.SourceUnit, r.Category.ToString(), r.Subject.Name, r.Subject.Kind.ToString(),
            r.DecisionDate, r.Severity?.ToString(), r.Subject.LegalRepresentative?.Name, r.Subject.LegalRepresentative?.IdNumber,
            e.Publicity.Disclosed, e.Publicity.From, e.Publicity.MaxUntil, r.ValidUntil, e.Publicity.MinUntil, e.Publicity.RuleVersion,
            r.Sector?.ToString(), ContentOf(r));
    }

    /// <summary>The 双公示 content other services pass on (the national exchange's codes, credit reports).</summary>
    private static Contracts.CreditRecordContent ContentOf(CreditRecord r) =>
        new(r.DecisionNumber, r.DecidingAuthority.Name, r.DecidingAuthority.Code, r.ViolationType, r.Facts, r.LegalBasis,
            r.PenaltyCategories.Count == 0 ? null : r.PenaltyCategories.Select(c => c.ToString()).ToList(), r.PenaltyContent, r.FineAmount,
            r.ConfiscatedAmount, r.License?.Name, r.License?.Content, r.License?.ValidFrom, r.License?.ValidUntil);
}
