using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;

namespace CreditMesh.Registry.Features;

/// <summary>Loads a subject, runs a decision on it and appends the outcome, retrying when another writer got there first.</summary>
public sealed class SubjectRepository(EventStore store)
{
    /// <summary>The subject after the decision; Created when this decision started its stream.</summary>
    public sealed record Outcome(Subject? Subject, long Version, Decision Decision, bool Created = false);

    public async Task<(Subject? Subject, long Version)> LoadAsync(string code, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var events = await store.FetchStreamAsync(Subject.StreamId(code), timestamp: asOf, ct: ct);
        if (events.Count == 0) return (null, 0);
        var subject = Subject.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) subject = subject.Apply(events[i].Data);
        return (subject, events[^1].Version);
    }

    /// <summary>Decides on the current state and appends; on a concurrent write it decides again on the new state (at most 3 times).</summary>
    /// <remarks>With an inbox claim (consumer, message id), a message already handled appends nothing again.</remarks>
    public async Task<Outcome> DecideAsync(string code, Func<Subject?, Decision> decide, EventMetadata metadata, CancellationToken ct,
        long? expectedVersion = null, (string Consumer, Guid MessageId)? inbox = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (subject, version) = await LoadAsync(code, ct);
            if (expectedVersion is { } expected && expected != version) throw new ConcurrencyException(Subject.StreamId(code), expected, version);
            var decision = decide(subject);
            if (decision is not Decision.Append append) return new Outcome(subject, version, decision);
            try
            {
                await using var session = store.OpenSession(metadata);
                if (inbox is { } claim && !await session.TryClaimInboxAsync(claim.Consumer, claim.MessageId, ct))
                    return new Outcome(subject, version, new Decision.Unchanged());
                if (subject is null) session.Events.StartStream<Subject>(Subject.StreamId(code), [.. append.Events]);
                else session.Events.Append(Subject.StreamId(code), version, [.. append.Events]);
                await session.SaveChangesAsync(ct);
                var updated = append.Events.Aggregate(subject, (s, e) => s is null ? Subject.Create(e) : s.Apply(e));
                return new Outcome(updated, version + append.Events.Count, decision, Created: subject is null);
            }
            catch (EventStoreException) when (attempt < 3 && expectedVersion is null)
            {
                // Another writer changed the subject in between: decide again on what it wrote.
            }
        }
    }
}
