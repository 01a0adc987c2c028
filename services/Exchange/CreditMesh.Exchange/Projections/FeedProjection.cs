using System.Text.Json;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Domain.Sharing;
using JasperFx.Events;
using Marten;
using NpgsqlTypes;

namespace CreditMesh.Exchange.Projections;

/// <summary>
/// The outgoing feed (table exchange_feed), written in the append transaction (inline): one row per ItemShared or ItemWithdrawn at
/// the sequence the event carries, so a rebuild gives every item its sequence again and a national client's cursor stays valid.
/// </summary>
public sealed class FeedProjection : SqlProjection
{
    public override string Name => "exchange-feed";
    public override IReadOnlyList<string> Tables => ["exchange_feed"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
            switch (e.Data)
            {
                case ItemShared s:
                    Insert(operations, s.Sequence, s.Type.ToString(), null, s.OccurredAt, s.SubjectCode, s.Kind, s.SourceId, s.Payload);
                    break;
                case ItemWithdrawn w:
                    Insert(operations, w.Sequence, nameof(FeedItemType.Withdrawn), w.Reason.ToString(), w.OccurredAt, w.SubjectCode, w.Kind, w.SourceId,
                        w.Payload);
                    break;
            }
        return Task.CompletedTask;
    }

    private static void Insert(IDocumentOperations operations, long sequence, string type, string? reason, DateTimeOffset at, string subject,
        ItemKind kind, string sourceId, IReadOnlyDictionary<string, object?> payload) =>
        operations.QueueSql("""
            insert into exchange_feed (sequence, type, reason, occurred_at, subject_code, source_kind, source_id, payload)
            values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (sequence) do nothing
            """, sequence, type, new SqlOperation.Typed(reason, NpgsqlDbType.Text), at.ToUniversalTime(), subject, kind.ToString(), sourceId,
            new SqlOperation.Typed(JsonSerializer.Serialize(payload, EventJson.Options), NpgsqlDbType.Jsonb));
}
