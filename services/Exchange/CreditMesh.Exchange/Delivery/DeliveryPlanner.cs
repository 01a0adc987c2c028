using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Projections;

namespace CreditMesh.Exchange.Delivery;

/// <summary>
/// Turns pushes into deliveries, in the transaction of the event that caused them (so nothing acknowledged is lost): every active
/// subscription for the event, whose subject filter (if any) holds the subject and whose list-type filter (if any) holds the entry's
/// list (the list filter does not apply to events without a list type: records, evaluations). One row per delivery, in order.
/// </summary>
public static class DeliveryPlanner
{
    private const long DeliveryLock = 0x44_4C_56_52; // "DLVR"

    public static async Task<int> PlanAsync(SessionConnection db, IReadOnlyList<Push> pushes, DateTimeOffset now, CancellationToken ct)
    {
        if (pushes.Count == 0) return 0;
        await using var match = db.Command("""
            select p.i, s.subscription_id, s.owner_role from unnest($1::text[], $2::text[], $3::text[]) with ordinality p(event, subject, list_type, i)
            join subscriptions s on s.status = 'Active' and p.event = any(s.events)
                and (s.list_types is null or p.list_type is null or p.list_type = any(s.list_types))
                and (s.subject_count = 0 or exists (select 1 from subscription_subjects ss
                     where ss.subject_code = p.subject and ss.subscription_id = s.subscription_id))
            order by p.i, s.subscription_id
            """, pushes.Select(p => p.Event).ToArray(), pushes.Select(p => p.SubjectCode).ToArray(),
            new SqlOperation.Typed(pushes.Select(p => p.ListType).ToArray(), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text));
        var rows = new List<(Guid Id, string Subscription, Push Push, string Body)>();
        await using (var reader = await match.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var push = pushes[(int)reader.GetInt64(0) - 1];
                var (id, subscription) = (Guid.CreateVersion7(now), reader.GetString(1));
                var body = new DeliveryBody(id, subscription, push.Event, push.OccurredAt, push.SubjectCode, JsonValues.Plain(push.Data))
                    .ToJson(maskPersonalData: !Roles.SeesPersonalData(reader.GetString(2)));
                rows.Add((id, subscription, push, body));
            }
        if (rows.Count == 0) return 0;
        // The dispatcher sends each subscription's deliveries in position order: positions are given out and committed by one
        // transaction at a time, so a later position never becomes visible before an earlier one (pushes alone run beside the feed).
        await db.ExecuteAsync("select pg_advisory_xact_lock($1)", ct, DeliveryLock);
        await db.ExecuteAsync("""
            insert into deliveries (delivery_id, subscription_id, event, occurred_at, subject_code, body, status, attempts, created_at, next_attempt_at)
            select d, s, e, o, c, b, 'Pending', 0, $7, $7
            from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) with ordinality t(d, s, e, o, c, b, n)
            order by n
            """, ct, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Subscription).ToArray(), rows.Select(r => r.Push.Event).ToArray(),
            rows.Select(r => r.Push.OccurredAt.ToUniversalTime()).ToArray(), rows.Select(r => r.Push.SubjectCode).ToArray(),
            rows.Select(r => r.Body).ToArray(), now.ToUniversalTime());
        return rows.Count;
    }
}
