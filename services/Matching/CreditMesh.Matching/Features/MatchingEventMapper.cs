using JasperFx.Events;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Matching.Features;

/// <summary>What matching tells other services: each version of a match stream is exactly one integration event (ADR 5, ADR 8).</summary>
public sealed class MatchingEventMapper : IIntegrationEventMapper
{
    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        switch (stored.Data)
        {
            // The asker travels in the event itself: a group commit shares one metadata among many askers.
            case MatchAnswered m:
                yield return new Contracts.MatchPerformed(id, at, m.SubjectCode, stream, version, correlation,
                    new Contracts.Actor(m.Unit, m.User, m.Role), m.MatchId, m.MatterCode, m.Decision, m.Hits.Count);
                break;
            case FeedbackReported f:
                yield return new Contracts.MatchFeedbackReceived(id, at, f.SubjectCode, stream, version, correlation,
                    new Contracts.Actor(f.Unit, f.User, actor?.Role), f.MatchId, f.Outcome);
                break;
        }
    }
}
