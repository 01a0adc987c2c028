using Npgsql;

namespace CreditMesh.Exchange.Projections;

/// <summary>
/// Exchange's tables besides Marten's: what it knows of each item and subject (fed by consumers), the feed (inline projection of
/// the item streams) with its head counter, receipts and subscriptions (inline projections of their streams), and the delivery
/// log (the push outbox: a row per delivery, written with the event that caused it).
/// </summary>
public static class ExchangeSchema
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists exchange_items (
                kind text not null, source_id text not null, subject_code text not null, state jsonb not null, stream_version bigint not null,
                shared_until timestamptz, primary key (kind, source_id));
            create index if not exists exchange_items_due on exchange_items (shared_until) where shared_until is not null;
            create table if not exists exchange_subject_names (subject_code text primary key, name text not null);
            create table if not exists exchange_feed_head (id int primary key check (id = 1), head bigint not null);
            insert into exchange_feed_head (id, head) values (1, 0) on conflict do nothing;
            create table if not exists exchange_feed (
                sequence bigint primary key, type text not null, reason text, occurred_at timestamptz not null, subject_code text not null,
                source_kind text not null, source_id text not null, payload jsonb not null);
            create table if not exists exchange_receipts (unit text primary key, acknowledged bigint not null, acknowledged_at timestamptz not null);
            create table if not exists subscriptions (
                subscription_id text primary key, owner_role text not null, owner_unit text, callback_url text not null, events text[] not null,
                list_types text[], subject_count int not null, status text not null, created_at timestamptz not null, cancelled_at timestamptz);
            create table if not exists subscription_subjects (
                subject_code text not null, subscription_id text not null, primary key (subject_code, subscription_id));
            create index if not exists subscription_subjects_of on subscription_subjects (subscription_id);
            create table if not exists deliveries (
                position bigserial primary key, delivery_id uuid not null unique, subscription_id text not null, event text not null,
                occurred_at timestamptz not null, subject_code text not null, body text not null, status text not null,
                attempts int not null default 0, created_at timestamptz not null, next_attempt_at timestamptz not null,
                last_attempt_at timestamptz, response_status int, last_error text);
            create index if not exists deliveries_pending on deliveries (subscription_id, position) where status = 'Pending';
            create index if not exists deliveries_log on deliveries (subscription_id, position desc);
            create table if not exists delivery_leases (subscription_id text primary key, holder uuid not null, leased_until timestamptz not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
