namespace CreditMesh.EventSourcing;

/// <summary>
/// cm_event_hashes: the hash of every event in mt_events, by stream and version (DESIGN §3.5), written by
/// <see cref="HashChainListener"/> in the transaction that appends the event. Scheme 1 rows were imported from
/// the first store with the metadata JSON they were hashed over; scheme 2 rows hash Marten's own columns.
/// </summary>
internal static class HashChainSchema
{
    public const string Ddl = """
        create table if not exists cm_event_hashes (
            stream_id       varchar not null,
            version         bigint not null,
            hash            bytea not null,
            scheme          smallint not null default 2,
            legacy_metadata text,
            primary key (stream_id, version)
        );
        -- StreamAppendOperation: refuses a whole append when a stream was not at its expected version (SQLSTATE CMV01)
        create or replace function cm_refuse_append(streams varchar[]) returns boolean language plpgsql as $$
        begin
            raise exception 'Streams not at their expected version: %', array_to_string(streams[1:5], ', ') using errcode = 'CMV01';
        end $$;
        """;
}
