using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Chains every appended event to its stream's previous hash (DESIGN §3.5) just before Marten commits:
/// Marten has by then given each event its version and timestamp (Quick append takes them from the session:
/// a new stream starts at 1, a stream fetched for writing continues from the version it was fetched at), so
/// the hashes are computed here and inserted in the same batch and transaction as the events. An append
/// whose version is not known in advance cannot be chained and is refused: write through
/// <see cref="StreamWriting"/> (FetchForWriting) or <see cref="StreamWriting.AppendAt"/>.
/// </summary>
public sealed class HashChainListener(TimeProvider time, IReadOnlyList<SqlProjection> inlineProjections) : DocumentSessionListenerBase
{
    private static readonly ConcurrentDictionary<Type, bool> Canonical = new();

    public HashChainListener() : this(TimeProvider.System, []) { }

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        await PrepareAppendsAsync(session, token);
        await ChainMartenAppendsAsync(session, token);
    }

    /// <summary>
    /// The session's <see cref="StreamWriting.AppendAt"/> streams: their events get Marten's type names, versions from the
    /// expected version, the host's time and the session's metadata, are chained to the previous hashes, written by one
    /// <see cref="StreamAppendOperation"/>, and go through the inline projections as Marten's own appends do.
    /// </summary>
    private async Task PrepareAppendsAsync(IDocumentSession session, CancellationToken token)
    {
        if (StreamWriting.PendingAppends(session) is not { IsPrepared: false } appends) return;
        var options = (StoreOptions)session.DocumentStore.Options;
        var serializer = options.Serializer();
        var previous = await PreviousHashesAsync(session,
            appends.Streams.Where(s => s.ExpectedVersion > 0).Select(s => new KeyValuePair<string, long>(s.Id, s.ExpectedVersion)).ToList(), token);
        var headers = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in EventMetadata.HeaderKeys)
            if (session.GetHeader(key) is { } value) headers[key] = value;
        var metadata = HashChain.MetadataJson(session.CorrelationId, session.CausationId,
            headers.Select(h => new KeyValuePair<string, string?>(h.Key, h.Value.ToString())));
        var at = HashChain.TruncateToMicroseconds(time.GetUtcNow());

        var events = new List<IEvent>();
        var data = new List<string>();
        var hashes = new List<byte[]>();
        foreach (var stream in appends.Streams)
        {
            var hash = stream.ExpectedVersion == 0 ? [] : previous.GetValueOrDefault(stream.Id)
                ?? throw new JasperFx.ConcurrencyException($"Stream {stream.Id} is not at the expected version {stream.ExpectedVersion}.");
            var version = stream.ExpectedVersion;
            foreach (var body in stream.Events)
            {
                var e = ((Marten.Events.EventGraph)options.Events).BuildEvent(body);
                e.Id = Guid.CreateVersion7();
                e.StreamKey = stream.Id;
                e.Version = ++version;
                e.Timestamp = at;
                e.TenantId = "*DEFAULT*";
                e.AggregateTypeName = stream.AggregateType;
                e.CorrelationId = session.CorrelationId;
                e.CausationId = session.CausationId;
                e.Headers = headers.Count == 0 ? null : new Dictionary<string, object>(headers);
                var json = serializer.ToJson(body);
                var canonical = Canonical.GetOrAdd(body.GetType(), CanonicalForm.IsWrittenCanonically);
                hash = HashChain.Compute(hash, stream.Id, e.Version, e.EventTypeName, e.Timestamp, json, metadata, canonical);
                events.Add(e);
                data.Add(json);
                hashes.Add(hash);
            }
        }
        appends.Prepare(new StreamAppendOperation.Written(events, [.. data], [.. hashes], session.CorrelationId, session.CausationId,
            headers.Count == 0 ? null : serializer.ToJson(headers), ((Marten.Events.EventGraph)options.Events).UseListenNotifyForEventAppends));
        foreach (var projection in inlineProjections) await projection.ApplyAsync(session, events, token);
    }

    private static async Task ChainMartenAppendsAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0) return;
        var bases = streams.ToDictionary(s => s.Key!, BaseVersion, StringComparer.Ordinal);
        var previous = await PreviousHashesAsync(session, bases.Where(b => b.Value > 0).ToList(), token);

        var serializer = session.DocumentStore.Options.Serializer();
        var ids = new List<string>();
        var versions = new List<long>();
        var hashes = new List<byte[]>();
        foreach (var stream in streams)
        {
            var key = stream.Key!;
            var version = bases[key];
            // No hash at the expected version: the stream is not at that version (another writer moved it, or it never got there).
            var hash = version == 0 ? [] : previous.GetValueOrDefault(key)
                ?? throw new JasperFx.ConcurrencyException($"Stream {key} is not at the expected version {version}.");
            foreach (var e in stream.Events)
            {
                version++;
                if (e.Version != version)
                    throw new InvalidOperationException($"Event {e.EventTypeName} of {key} was given version {e.Version}, the chain expects {version}.");
                e.Timestamp = HashChain.TruncateToMicroseconds(e.Timestamp); // what PostgreSQL keeps, and so what is hashed
                var metadata = HashChain.MetadataJson(e.CorrelationId, e.CausationId,
                    (e.Headers ?? []).Select(h => new KeyValuePair<string, string?>(h.Key, h.Value?.ToString())));
                var canonical = Canonical.GetOrAdd(e.Data.GetType(), CanonicalForm.IsWrittenCanonically);
                hash = HashChain.Compute(hash, key, version, e.EventTypeName, e.Timestamp, serializer.ToJson(e.Data), metadata, canonical);
                ids.Add(key);
                versions.Add(version);
                hashes.Add(hash);
            }
        }
        session.QueueOperation(new SqlOperation(
            "insert into cm_event_hashes (stream_id, version, hash) select * from unnest($1::varchar[], $2::bigint[], $3::bytea[])",
            ids.ToArray(), versions.ToArray(), new SqlOperation.Typed(hashes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea)));
    }

    private static long BaseVersion(StreamAction stream) =>
        stream.ActionType == StreamActionType.Start ? 0
        : stream.ExpectedVersionOnServer ?? throw new InvalidOperationException(
            $"Events appended to {stream.Key} without an expected version cannot be hash-chained; fetch the stream for writing first.");

    private static async Task<Dictionary<string, byte[]>> PreviousHashesAsync(IDocumentSession session, List<KeyValuePair<string, long>> heads,
        CancellationToken ct)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (heads.Count == 0) return found;
        await using var command = new NpgsqlCommand("""
            select h.stream_id, h.hash from cm_event_hashes h
            join unnest($1::varchar[], $2::bigint[]) w(stream_id, version) on h.stream_id = w.stream_id and h.version = w.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Value).ToArray() });
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) found[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
        return found;
    }
}
