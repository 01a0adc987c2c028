using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Domain.Receipts;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Exchange.Projections;

/// <summary>Each exchange client's acknowledged position (table exchange_receipts), in the receipt's transaction.</summary>
public sealed class ReceiptProjection : SqlProjection
{
    public override string Name => "exchange-receipts";
    public override IReadOnlyList<string> Tables => ["exchange_receipts"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events.Select(e => e.Data).OfType<FeedAcknowledged>())
            operations.QueueSql("""
                insert into exchange_receipts (unit, acknowledged, acknowledged_at) values ($1, $2, $3)
                on conflict (unit) do update set acknowledged = greatest(exchange_receipts.acknowledged, excluded.acknowledged),
                    acknowledged_at = excluded.acknowledged_at
                """, e.Unit, e.UpTo, e.AcknowledgedAt.ToUniversalTime());
        return Task.CompletedTask;
    }
}
