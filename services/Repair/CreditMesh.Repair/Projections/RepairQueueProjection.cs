using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Cases;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CreditMesh.Repair.Projections;

/// <summary>
/// The repair queue (table repair_cases), updated in the transaction that appends a case's events. At most one open
/// case per target is enforced here by a unique index, so two applications at once cannot both be accepted.
/// </summary>
public sealed class RepairQueueProjection : SqlProjection
{
    public const string OneOpenCasePerTarget = "repair_cases_one_open_per_target";

    public override IReadOnlyList<string> Tables => ["repair_cases"];
    public override string Name => "repair-queue";

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            create table if not exists repair_cases (
                repair_id text primary key, subject_code text not null, target_kind text not null, target_id text not null,
                deciding_unit text, status text not null, submitted_on date not null, feedback_due date not null, decision_due date,
                version bigint not null, updated_at timestamptz not null);
            create unique index if not exists {OneOpenCasePerTarget} on repair_cases (target_kind, target_id)
                where status in ('Submitted', 'Accepted');
            create index if not exists repair_cases_unit on repair_cases (deciding_unit, status);
            create index if not exists repair_cases_subject on repair_cases (subject_code);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // An ineligible application is rejected in the same append: it never counts as open, even for an instant.
        var rejectedAtOnce = events.Where(e => e.Data is RepairRejected).Select(e => e.StreamKey).ToHashSet();
        foreach (var e in events)
        {
            var at = e.Timestamp.ToUniversalTime();
            switch (e.Data)
            {
                case RepairSubmitted s:
                    operations.QueueSql("""
                        insert into repair_cases (repair_id, subject_code, target_kind, target_id, deciding_unit, status, submitted_on, feedback_due,
                            version, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, s.RepairId, s.SubjectCode, s.TargetKind.ToString(), s.TargetId, new SqlOperation.Typed(s.DecidingUnit, NpgsqlTypes.NpgsqlDbType.Text),
                        (rejectedAtOnce.Contains(e.StreamKey) ? RepairStatus.Rejected : RepairStatus.Submitted).ToString(), s.SubmittedOn, s.FeedbackDue,
                        e.Version, at);
                    break;
                case RepairRejected r: SetStatus(operations, r.RepairId, RepairStatus.Rejected, e); break;
                case RepairAccepted a:
                    operations.QueueSql("update repair_cases set status = $2, decision_due = $3, version = $4, updated_at = $5 where repair_id = $1",
                        a.RepairId, RepairStatus.Accepted.ToString(), a.DecisionDue, e.Version, at);
                    break;
                case RepairApproved p: SetStatus(operations, p.RepairId, RepairStatus.Approved, e); break;
                case RepairDenied d: SetStatus(operations, d.RepairId, RepairStatus.Denied, e); break;
            }
        }
        return Task.CompletedTask;
    }

    private static void SetStatus(IDocumentOperations operations, string repairId, RepairStatus status, IEvent e) =>
        operations.QueueSql("update repair_cases set status = $2, version = $3, updated_at = $4 where repair_id = $1",
            repairId, status.ToString(), e.Version, e.Timestamp.ToUniversalTime());
}
