using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The store's tables, modelled on Marten's mt_streams / mt_events (DESIGN §3). Created idempotently at
/// start-up; the advisory lock keeps two replicas starting together from racing on the DDL.
/// </summary>
public static class EventStoreSchema
{
    public const string NotifyChannel = "creditmesh_events";
    private const long MigrationLockKey = 0x43_4D_45_53; // "CMES"

    private const string Ddl = """
        create table if not exists streams (
            id          text primary key,
            type        text not null,
            version     bigint not null,
            created_at  timestamptz not null,
            updated_at  timestamptz not null,
            archived    boolean not null default false,
            last_hash   bytea not null
        );
        create table if not exists events (
            seq         bigint generated always as identity primary key,
            id          uuid not null unique,
            stream_id   text not null references streams(id),
            version     bigint not null,
            type        text not null,
            data        jsonb not null,
            metadata    jsonb not null,
            created_at  timestamptz not null,
            tx_id       xid8 not null default pg_current_xact_id(),
            hash        bytea not null,
            unique (stream_id, version)
        );
        create index if not exists events_tx_seq on events (tx_id, seq);
        create index if not exists events_created_at on events (created_at);
        create table if not exists subscription_checkpoints (
            name        text primary key,
            tx_id       xid8 not null,
            seq         bigint not null,
            updated_at  timestamptz not null
        );
        create table if not exists inbox (
            consumer     text not null,
            message_id   uuid not null,
            processed_at timestamptz not null,
            primary key (consumer, message_id)
        );
        """;

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({MigrationLockKey})", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using (var command = new NpgsqlCommand(Ddl, connection, tx))
            await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
