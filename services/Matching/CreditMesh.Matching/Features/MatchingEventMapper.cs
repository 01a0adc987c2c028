using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Messaging;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Matching.Features;

/// <summary>What matching tells other services: each version of a match stream is exactly one integration event (ADR 5, ADR 8).</summary>
public sealed class MatchingEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(StoredEvent stored)
    {
        var correlation = stored.Metadata.CorrelationId;
        switch (stored.Data)
        {
            // The asker travels in the event itself: a group commit shares one metadata among many askers.
            case MatchAnswered m:
                yield return new Contracts.MatchPerformed(stored.Id, stored.CreatedAt, m.SubjectCode, stored.StreamId, stored.Version, correlation,
                    new Contracts.Actor(m.Unit, m.User, m.Role), m.MatchId, m.MatterCode, m.Decision, m.Hits.Count);
                break;
            case FeedbackReported f:
                yield return new Contracts.MatchFeedbackReceived(stored.Id, stored.CreatedAt, f.SubjectCode, stored.StreamId, stored.Version, correlation,
                    new Contracts.Actor(f.Unit, f.User, stored.Metadata.Actor?.Role), f.MatchId, f.Outcome);
                break;
        }
    }
}
