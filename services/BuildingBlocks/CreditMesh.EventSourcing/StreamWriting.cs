using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using ExistingStreamIdCollisionException = Marten.Exceptions.ExistingStreamIdCollisionException;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The one write path (DESIGN §3, STYLE 9): load a stream for writing (its events and version, with the caller's
/// expected version when it sent If-Match), run a pure decision on its state, append what it decided at that version and commit —
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

    /// <summary>
    /// Commits the write session: its events, queued SQL, inbox claims and statements run on its connection. Marten's
    /// SaveChangesAsync returns without committing when it has no events or documents of its own to write, which would roll
    /// back an inbox claim or a consumer's SQL; so a session with nothing of Marten's own still gets one statement to run.
    /// </summary>
    public static Task CommitAsync(this IDocumentSession session, CancellationToken ct)
    {
        var pending = session.PendingChanges;
        if (!pending.Operations().Any() && !pending.Streams().Any(s => s.Events.Count > 0)) session.QueueSql("select 1");
        return session.SaveChangesAsync(ct);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, StreamAppendOperation> Appends = new();

    /// <summary>
    /// Appends at a known version: 0 starts the stream (it must not exist), otherwise the stream must be at that version.
    /// All of a session's appends are written together by one <see cref="StreamAppendOperation"/> when it saves (ADR 0014).
    /// </summary>
    public static void AppendAt<TAggregate>(this IDocumentSession session, string streamId, long expectedVersion, params object[] events)
        where TAggregate : class
    {
        if (events.Length == 0) return;
        if (!Appends.TryGetValue(session, out var appends) || appends.IsPrepared)
        {
            appends = new StreamAppendOperation();
            Appends.AddOrUpdate(session, appends);
            session.QueueOperation(appends);
        }
        appends.Add(streamId, ((Marten.Events.EventGraph)((StoreOptions)session.DocumentStore.Options).Events).AggregateAliasFor(typeof(TAggregate)), expectedVersion, events);
    }

    /// <summary>The session's appends not yet saved, if any.</summary>
    internal static StreamAppendOperation? PendingAppends(IDocumentSession session) =>
        Appends.TryGetValue(session, out var appends) ? appends : null;

    /// <summary>The state and version of a stream now, or as of a version or instant (time travel); (null, 0) when it has no events then.</summary>
    public static async Task<(T? State, long Version)> LoadAsync<T>(this IDocumentStore store, string streamId, CancellationToken ct,
        long version = 0, DateTimeOffset? asOf = null) where T : class, IAggregate<T>
    {
        await using var query = store.QuerySession();
        return Fold<T>(await query.Events.FetchStreamAsync(streamId, version, asOf?.ToUniversalTime(), token: ct));
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
                var written = await session.DecideAsync(streamId, decide, ct, expectedVersion);
                await session.CommitAsync(ct);
                return written;
            }
            catch (Exception e) when (IsConcurrency(e) && expectedVersion is null && attempt < Attempts)
            {
                // Another writer changed the stream in between: decide again on what it wrote.
            }
        }
    }

    /// <summary>
    /// Load and decide inside a session the caller commits, together with its other writes (a consumer's SQL, other
    /// streams): the events are appended to the session at the version the decision saw, not saved. A concurrent writer
    /// surfaces at SaveChangesAsync, from Marten's server-side expected-version check.
    /// </summary>
    /// <remarks>
    /// What FetchForWriting does for a live aggregate, done here (ADR 0013): Marten 9 folds a self-aggregating type only
    /// through source-generated conventional dispatchers or a projection that makes it a document with an Id, and our
    /// aggregates are plain records keyed by their domain codes. So the stream is read with Marten's FetchStreamAsync,
    /// folded by the aggregate's own Create/Apply, and appended with ExpectedVersionOnServer — the same optimistic check.
    /// </remarks>
    public static async Task<Written<T>> DecideAsync<T>(this IDocumentSession session, string streamId, Func<T?, Decision> decide,
        CancellationToken ct, long? expectedVersion = null) where T : class, IAggregate<T>
    {
        var (current, version) = Fold<T>(await session.Events.FetchStreamAsync(streamId, token: ct));
        // Marten reads no events of an archived stream: it is closed for writing, not new.
        if (version == 0 && await session.Events.FetchStreamStateAsync(streamId, ct) is { IsArchived: true })
            throw new InvalidStreamOperationException($"Stream {streamId} is archived and accepts no further events.");
        if (expectedVersion is { } expected && expected != version)
            throw new ConcurrencyException($"Stream {streamId} is at version {version}, not the expected {expected}.");
        var decision = decide(current);
        if (decision is not Decision.Append append) return new Written<T>(current, version, decision);
        session.AppendAt<T>(streamId, version, [.. append.Events]);
        var state = append.Events.Aggregate(current, (s, e) => s is null ? T.Create(e) : s.Apply(e));
        return new Written<T>(state, version + append.Events.Count, decision, Created: version == 0);
    }

    /// <summary>
    /// The state and version of many streams now, read in one round trip (a consumer deciding for a batch of subjects in one
    /// transaction); a stream without events is (null, 0).
    /// </summary>
    public static async Task<Dictionary<string, (T? State, long Version)>> LoadStreamsAsync<T>(this IQuerySession session,
        IReadOnlyCollection<string> streamIds, CancellationToken ct) where T : class, IAggregate<T>
    {
        var batch = session.CreateBatchQuery();
        var fetches = streamIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => batch.Events.FetchStream(id), StringComparer.Ordinal);
        await batch.Execute(ct);
        var loaded = new Dictionary<string, (T? State, long Version)>(StringComparer.Ordinal);
        foreach (var (id, fetch) in fetches) loaded[id] = Fold<T>(await fetch);
        return loaded;
    }

    private static (T? State, long Version) Fold<T>(IReadOnlyList<JasperFx.Events.IEvent> events) where T : class, IAggregate<T>
    {
        if (events.Count == 0) return (null, 0);
        var state = T.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return (state, events[^1].Version);
    }

    /// <summary>A write refused by the named unique constraint of a read model (Marten wraps what PostgreSQL said).</summary>
    public static bool Violates(Exception e, string constraint) =>
        (e as Npgsql.PostgresException ?? e.InnerException as Npgsql.PostgresException) is { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } p
        && p.ConstraintName == constraint;

    /// <summary>Marten's ways of saying another writer got there first (expected version, or a start of an existing stream).</summary>
    public static bool IsConcurrency(Exception e) =>
        e is ConcurrencyException or ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        || e.InnerException is ConcurrencyException or ExistingStreamIdCollisionException;
}

/// <summary>The stream's state and version after the decision; Created when it started the stream.</summary>
public sealed record Written<T>(T? State, long Version, Decision Decision, bool Created = false);

/// <summary>A message to claim in an inbox with the write (consumers).</summary>
public sealed record InboxClaim(string Inbox, Guid MessageId);
