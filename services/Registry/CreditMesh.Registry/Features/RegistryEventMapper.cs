using CreditMesh.Messaging;
using JasperFx.Events;
using Contracts = CreditMesh.Contracts;
using Domain = CreditMesh.Registry.Domain;

namespace CreditMesh.Registry.Features;

/// <summary>What the registry tells other services about subjects (published by the outbox relay).</summary>
public sealed class RegistryEventMapper : IIntegrationEventMapper
{
    /// <summary>The archive's copies of other services' events (most of the registry's events) stay inside.</summary>
    public IReadOnlyCollection<Type> Unpublished { get; } = [typeof(Domain.Archive.ArchivedEvent)];

    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        Contracts.IIntegrationEvent? message = stored.Data switch
        {
            Domain.SubjectRegistered e => new Contracts.SubjectRegistered(id, at, e.Code, stream, version,
                correlation, actor, e.Kind.ToString(), e.Name, e.LegalRepresentative?.Name, e.LegalRepresentative?.IdNumber, e.Provisional, e.RegisteredBy),
            Domain.SubjectUpdated e => new Contracts.SubjectUpdated(id, at, e.Code, stream, version,
                correlation, actor, e.Name, e.LegalRepresentative?.Name, e.LegalRepresentative?.IdNumber),
            Domain.LegacyCodeLinked e => new Contracts.LegacyCodeLinked(id, at, e.Code, stream, version,
                correlation, actor, e.LegacyCode, e.Kind.ToString()),
            Domain.SubjectDeregistered e => new Contracts.SubjectDeregistered(id, at, e.Code, stream, version,
                correlation, actor, e.Reason),
            Domain.Reports.CreditReportIssued e => new Contracts.ReportIssued(id, at, e.SubjectCode, stream, version,
                correlation, actor, e.ReportId, e.ReportNumber, e.Purpose.ToString(), e.GeneratedAt, e.Sha256),
            _ => null,
        };
        if (message is not null) yield return message;
    }
}
