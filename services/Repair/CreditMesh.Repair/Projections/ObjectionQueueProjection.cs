using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Objections;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CreditMesh.Repair.Projections;

/// <summary>
/// The objection queue (table objections), updated in the transaction that appends an objection's events. At most one
/// open objection per target is enforced here by a unique index, so two raised at once cannot both be stored.
/// </summary>
public sealed class ObjectionQueueProjection : SqlProjection
{
    public const string OneOpenPerTarget = "objections_one_open_per_target";

    public override IReadOnlyList<string> Tables => ["objections"];
    public override string Name => "objection-queue";

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            create table if not exists objections (
                objection_id text primary key, subject_code text not null, target_kind text not null, target_id text not null,
                owner_unit text not null, status text not null, action text not null, raised_at timestamptz not null,
                version bigint not null, updated_at timestamptz not null);
            create index if not exists objections_unit on objections (owner_unit, status);
            create index if not exists objections_subject on objections (subject_code);
            create unique index if not exists {OneOpenPerTarget} on objections (target_kind, target_id) where status = 'Open';
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The open objection on the target, if any.</summary>
    public static async Task<string?> OpenOnAsync(NpgsqlDataSource dataSource, Domain.Targets.TargetKind kind, string targetId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select objection_id from objections where target_kind = $1 and target_id = $2 and status = 'Open'");
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = targetId });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            var at = e.Timestamp.ToUniversalTime();
            switch (e.Data)
            {
                case ObjectionRaised r:
                    operations.QueueSql("""
                        insert into objections (objection_id, subject_code, target_kind, target_id, owner_unit, status, action, raised_at, version, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8)
                        """, r.ObjectionId, r.SubjectCode, r.TargetKind.ToString(), r.TargetId, r.OwnerUnit, ObjectionStatus.Open.ToString(),
                        ObjectionAction.None.ToString(), at, e.Version);
                    break;
                case ObjectionSettled s:
                    operations.QueueSql("update objections set status = $2, action = $3, version = $4, updated_at = $5 where objection_id = $1",
                        s.ObjectionId, (s.Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected).ToString(), s.Action.ToString(), e.Version, at);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
