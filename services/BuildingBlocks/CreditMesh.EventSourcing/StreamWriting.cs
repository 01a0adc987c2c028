using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using ExistingStreamIdCollisionException = Marten.Exceptions.ExistingStreamIdCollisionException;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The one write path (DESIGN §3, STYLE 9): load a stream for writing (Marten's FetchForWriting, with the caller's
/// expected version when it sent If-Match), run a pure decision on its state, append what it decided and commit —
/// with an optional inbox claim in the same transaction. One retry rule for everyone: without an expected version,
/// a concurrent writer means "decide again on what it wrote" (at most <see cref="Attempts"/> times); with one, the
/// conflict is the caller's (409).
/// </summary>
public static class StreamWriting
{
    public const int Attempts = 3;

    /// <summary>A session whose events carry <paramref name="metadata"/>, with its transaction begun (for inbox claims and SQL).</summary>
    public static async Task<IDocumentSession> OpenWriteSessionAsync(this IDocumentStore store, EventMetadata metadata, CancellationToken ct)
    {
        var session = store.LightweightSession();
        metadata.ApplyTo(session);
        await session.BeginTransactionAsync(ct);
        return session;
    }

    /// <summary>Appends at a known version: 0 starts the stream (it must not exist), otherwise the stream must be at that version.</summary>
    public static StreamAction AppendAt<TAggregate>(this IDocumentSession session, string streamId, long expectedVersion, params object[] events)
        where TAggregate : class
    {
        if (expectedVersion == 0) return session.Events.StartStream<TAggregate>(streamId, events);
        var action = session.Events.Append(streamId, events);
        action.ExpectedVersionOnServer = expectedVersion;
        return action;
    }

    /// <summary>The state and version of a stream now, or as of a version or instant (time travel); (null, 0) when it has no events then.</summary>
    public static async Task<(T? State, long Version)> LoadAsync<T>(this IDocumentStore store, string streamId, CancellationToken ct,
        long version = 0, DateTimeOffset? asOf = null) where T : class, IAggregate<T>
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(streamId, version, asOf?.ToUniversalTime(), token: ct);
        if (events.Count == 0) return (null, 0);
        var state = T.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return (state, events[^1].Version);
    }

    /// <summary>Load, decide, append (see the class remarks). The inbox claim, when given, makes a redelivered message a no-op.</summary>
    public static async Task<Written<T>> DecideAsync<T>(this IDocumentStore store, string streamId, Func<T?, Decision> decide,
        EventMetadata metadata, CancellationToken ct, long? expectedVersion = null, InboxClaim? inbox = null) where T : class, IAggregate<T>
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = await store.OpenWriteSessionAsync(metadata, ct);
            if (inbox is { } claim && !await session.TryClaimAsync(claim.Inbox, claim.MessageId, ct))
                return new Written<T>(null, 0, new Decision.Unchanged());
            try
            {
                var stream = expectedVersion is { } expected
                    ? await session.Events.FetchForWriting<T>(streamId, expected, ct)
                    : await session.Events.FetchForWriting<T>(streamId, ct);
                var version = stream.CurrentVersion ?? 0;
                var decision = decide(stream.Aggregate);
                if (decision is not Decision.Append append) return new Written<T>(stream.Aggregate, version, decision);
                stream.AppendMany(append.Events);
                await session.SaveChangesAsync(ct);
                var state = append.Events.Aggregate(stream.Aggregate, (s, e) => s is null ? T.Create(e) : s.Apply(e));
                return new Written<T>(state, version + append.Events.Count, decision, Created: version == 0);
            }
            catch (Exception e) when (IsConcurrency(e) && expectedVersion is null && attempt < Attempts)
            {
                // Another writer changed the stream in between: decide again on what it wrote.
            }
        }
    }

    /// <summary>Marten's ways of saying another writer got there first (expected version, or a start of an existing stream).</summary>
    public static bool IsConcurrency(Exception e) =>
        e is ConcurrencyException or ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        || e.InnerException is ConcurrencyException or ExistingStreamIdCollisionException;
}

/// <summary>The stream's state and version after the decision; Created when it started the stream.</summary>
public sealed record Written<T>(T? State, long Version, Decision Decision, bool Created = false);

/// <summary>A message to claim in an inbox with the write (consumers).</summary>
public sealed record InboxClaim(string Inbox, Guid MessageId);
