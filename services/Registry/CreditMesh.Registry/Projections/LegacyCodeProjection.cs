using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// legacy code → subject(s), updated in the append transaction so resolve answers at once. A legacy code
/// may point at two subjects (重错码): both rows are kept and resolve reports the conflict.
/// </summary>
public sealed class LegacyCodeProjection : SqlProjection
{
    public override string Name => "legacy-codes";
    public override IReadOnlyList<string> Tables => ["legacy_codes"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var linked in events.Select(e => e.Data).OfType<LegacyCodeLinked>())
            operations.QueueSql("insert into legacy_codes (legacy_code, subject_code, kind, linked_at) values ($1, $2, $3, $4) on conflict do nothing",
                linked.LegacyCode, linked.Code, linked.Kind.ToString(), linked.LinkedAt.ToUniversalTime());
        return Task.CompletedTask;
    }
}
