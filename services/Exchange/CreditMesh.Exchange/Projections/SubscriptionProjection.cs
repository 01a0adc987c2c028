using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Domain.Subscriptions;
using JasperFx.Events;
using Marten;
using NpgsqlTypes;

namespace CreditMesh.Exchange.Projections;

/// <summary>
/// Subscriptions and their subject filters (tables subscriptions, subscription_subjects), in the subscription's transaction, so a
/// delivery planned after the 201 already sees it. Delivery planning matches events against these tables.
/// </summary>
public sealed class SubscriptionProjection : SqlProjection
{
    public override string Name => "subscriptions";
    public override IReadOnlyList<string> Tables => ["subscriptions", "subscription_subjects"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
            switch (e.Data)
            {
                case SubscriptionCreated c:
                    operations.QueueSql("""
                        insert into subscriptions (subscription_id, owner_role, owner_unit, callback_url, events, list_types, subject_count, status, created_at)
                        values ($1, $2, $3, $4, $5, $6, $7, 'Active', $8) on conflict (subscription_id) do nothing
                        """, c.SubscriptionId, c.OwnerRole, new SqlOperation.Typed(c.OwnerUnit, NpgsqlDbType.Text), c.CallbackUrl, c.Events.ToArray(),
                        new SqlOperation.Typed(c.ListTypes?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text), c.SubjectCodes?.Count ?? 0,
                        c.CreatedAt.ToUniversalTime());
                    if (c.SubjectCodes is { Count: > 0 } codes)
                        operations.QueueSql("""
                            insert into subscription_subjects (subject_code, subscription_id) select s, $2 from unnest($1::text[]) s on conflict do nothing
                            """, codes.ToArray(), c.SubscriptionId);
                    break;
                case SubscriptionCancelled x:
                    operations.QueueSql("update subscriptions set status = 'Cancelled', cancelled_at = $2 where subscription_id = $1",
                        x.SubscriptionId, x.CancelledAt.ToUniversalTime());
                    break;
            }
        return Task.CompletedTask;
    }
}
