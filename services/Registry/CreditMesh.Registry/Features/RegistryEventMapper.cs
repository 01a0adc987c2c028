using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;
using Domain = CreditMesh.Registry.Domain;

namespace CreditMesh.Registry.Features;

/// <summary>What the registry tells other services about subjects (published by the outbox relay).</summary>
public sealed class RegistryEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(StoredEvent stored)
    {
        var actor = stored.Metadata.Actor is { } a ? new Contracts.Actor(a.Unit, a.User, a.Role) : null;
        var correlation = stored.Metadata.CorrelationId;
        object? message = stored.Data switch
        {
            Domain.SubjectRegistered e => new Contracts.SubjectRegistered(stored.Id, stored.CreatedAt, e.Code, stored.StreamId, stored.Version,
                correlation, actor, e.Kind.ToString(), e.Name, e.LegalRepresentative?.Name, e.LegalRepresentative?.IdNumber, e.Provisional, e.RegisteredBy),
            Domain.SubjectUpdated e => new Contracts.SubjectUpdated(stored.Id, stored.CreatedAt, e.Code, stored.StreamId, stored.Version,
                correlation, actor, e.Name, e.LegalRepresentative?.Name, e.LegalRepresentative?.IdNumber),
            Domain.LegacyCodeLinked e => new Contracts.LegacyCodeLinked(stored.Id, stored.CreatedAt, e.Code, stored.StreamId, stored.Version,
                correlation, actor, e.LegacyCode, e.Kind.ToString()),
            Domain.SubjectDeregistered e => new Contracts.SubjectDeregistered(stored.Id, stored.CreatedAt, e.Code, stored.StreamId, stored.Version,
                correlation, actor, e.Reason),
            _ => null,
        };
        if (message is not null) yield return message;
    }
}
