using System.Data.Common;
using JasperFx;
using JasperFx.Events;
using Marten.Internal.Operations;
using Marten.Storage;
using Weasel.Storage;
using NpgsqlTypes;
using Weasel.Postgresql;
using OperationRole = Weasel.Core.OperationRole;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Every <see cref="StreamWriting.AppendAt"/> of a session in one statement (ADR 0014): the new streams' rows inserted, the
/// existing streams' versions moved from the expected version (one set-based check for all), and then — only if every
/// stream was where its writer expected — all events, their chain hashes and the daemon's wake-up, from arrays.
/// Marten's Quick append calls its PL/pgSQL function once per stream (1,000 new streams: 1,000 calls); the rows written
/// are the same as Marten's (mt_streams, mt_events with Marten's type names, serializer, metadata columns and sequence),
/// so Marten reads, projects and subscribes to them as its own. A stream that was not at its expected version (or
/// already existed, for a start) fails the whole session with Marten's ConcurrencyException.
/// </summary>
public sealed class StreamAppendOperation : Marten.Internal.Operations.IStorageOperation, JasperFx.Core.Exceptions.IExceptionTransform
{
    /// <summary>What cm_refuse_append raises.</summary>
    private const string Refused = "CMV01";

    private const string Sql = """
        with streams as (
            select * from unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::bigint[]) as u(id, type, expected, final)),
        started as (
            insert into mt_streams (id, type, version, timestamp, tenant_id)
            select id, type, final, now(), '*DEFAULT*' from streams where expected = 0
            on conflict (id) do nothing
            returning id),
        moved as (
            update mt_streams m set version = s.final, timestamp = now()
            from streams s where s.expected > 0 and m.id = s.id and m.version = s.expected and not coalesce(m.is_archived, false)
            returning m.id),
        refused as (
            select coalesce(array_agg(s.id), '{}') as ids from streams s
            where s.id not in (select id from started union all select id from moved)),
        checked as (
            select case when cardinality(ids) > 0 then cm_refuse_append(ids) else true end as ok from refused),
        events as (
            insert into mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived,
                                   causation_id, correlation_id, headers)
            select nextval('mt_events_sequence'), e.id, e.stream, e.version, e.data::jsonb, e.type, '*DEFAULT*', e.at, e.dotnet, false,
                   $13, $14, $15::jsonb
            from unnest($5::uuid[], $6::varchar[], $7::bigint[], $8::text[], $9::varchar[], $10::timestamptz[], $11::varchar[])
                as e(id, stream, version, data, type, at, dotnet)
            where (select ok from checked)
            returning 1),
        hashes as (
            insert into cm_event_hashes (stream_id, version, hash)
            select * from unnest($6::varchar[], $7::bigint[], $12::bytea[])
            where (select ok from checked)
            returning 1)
        select (select count(*) from events), (select count(*) from hashes), case when $16 then pg_notify('mt_events_appended', '') end
        """;

    private readonly List<PendingStream> _streams = [];
    private readonly Dictionary<string, PendingStream> _byId = new(StringComparer.Ordinal);
    private Written? _written;

    internal sealed record PendingStream(string Id, string AggregateType, long ExpectedVersion, List<object> Events);

    /// <summary>The events as written, for inline projections; set once the session is about to save.</summary>
    internal sealed record Written(IReadOnlyList<IEvent> Events, string[] DataJson, byte[][] Hashes, string? CorrelationId, string? CausationId,
        string? HeadersJson, bool Notify);

    public Type DocumentType => typeof(StorageFeatures);

    internal IReadOnlyList<PendingStream> Streams => _streams;

    internal bool IsPrepared => _written is not null;

    internal void Add(string streamId, string aggregateType, long expectedVersion, IEnumerable<object> events)
    {
        if (_written is not null) throw new InvalidOperationException("The session's appends were already prepared for saving.");
        if (_byId.TryGetValue(streamId, out var pending))
        {
            // A second append to the same stream in one session continues where the first one ends.
            pending.Events.AddRange(events);
            return;
        }
        pending = new PendingStream(streamId, aggregateType, expectedVersion, [.. events]);
        _byId[streamId] = pending;
        _streams.Add(pending);
    }

    internal void Prepare(Written written) => _written = written;

    public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session)
    {
        var written = _written ?? throw new InvalidOperationException("Stream appends reached the database without their hash chain.");
        var events = written.Events;
        static SqlOperation.Typed Typed(object? value, NpgsqlDbType type) => new(value, type);
        new SqlOperation(Sql,
            Typed(_streams.Select(s => s.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Typed(_streams.Select(s => s.AggregateType).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Typed(_streams.Select(s => s.ExpectedVersion).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
            Typed(_streams.Select(s => s.ExpectedVersion + s.Events.Count).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
            Typed(events.Select(e => e.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Typed(events.Select(e => e.StreamKey!).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Typed(events.Select(e => e.Version).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
            Typed(written.DataJson, NpgsqlDbType.Array | NpgsqlDbType.Text),
            Typed(events.Select(e => e.EventTypeName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Typed(events.Select(e => e.Timestamp).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
            Typed(events.Select(e => e.DotNetTypeName).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Typed(written.Hashes, NpgsqlDbType.Array | NpgsqlDbType.Bytea),
            Typed(written.CausationId, NpgsqlDbType.Varchar),
            Typed(written.CorrelationId, NpgsqlDbType.Varchar),
            Typed(written.HeadersJson, NpgsqlDbType.Text),
            Typed(written.Notify, NpgsqlDbType.Boolean)).ConfigureCommand(builder, session);
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public bool TryTransform(Exception original, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Exception? transformed)
    {
        transformed = (original as Npgsql.PostgresException ?? original.InnerException as Npgsql.PostgresException) is { SqlState: Refused } refused
            ? new ConcurrencyException($"{refused.MessageText} (or a stream to be started exists already).")
            : null;
        return transformed is not null;
    }

    public OperationRole Role() => OperationRole.Events;
}
