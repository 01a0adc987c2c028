using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>GET /api/v1/repairs?status=&amp;unit=, /{id} and /{id}/history: the queue with its deadlines, one case, its stream.</summary>
public static class RepairQueueApi
{
    public sealed record TargetDto(string Kind, string Id);
    public sealed record QueueItem(string RepairId, string SubjectCode, TargetDto Target, string? DecidingUnit, string Status, DateOnly SubmittedOn,
        DateOnly? DecisionDue, DateOnly FeedbackDue, bool Overdue, long Version);
    public sealed record Queue(IReadOnlyList<QueueItem> Items);
    public sealed record CaseView(string RepairId, string SubjectCode, TargetDto Target, string? DecidingUnit, string Status, DateOnly SubmittedOn,
        DateOnly? DecisionDue, DateOnly FeedbackDue, bool Overdue, string Commitment, IReadOnlyList<Evidence> Evidence,
        IReadOnlyList<string>? Reasons, DateOnly? EligibleFrom, string? DecisionNumber, string? Reason, long Version);
    public sealed record CaseHistory(string RepairId, IReadOnlyList<CaseAccess.HistoryEntry> Items);

    private static readonly string[] Readers = [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter];

    public static IEndpointRouteBuilder MapRepairQueueApi(this IEndpointRouteBuilder app)
    {
        var repairs = app.MapGroup("/api/v1/repairs").WithTags("Repairs");
        repairs.MapGet("", QueueAsync).RequireRoles(Readers).WithAccessLog("repair-queue", "status", "unit");
        repairs.MapGet("/{id}", GetAsync).RequireRoles(Readers).WithAccessLog("repair-read", "id");
        repairs.MapGet("/{id}/history", HistoryAsync).RequireRoles(Readers).WithAccessLog("repair-history", "id");
        return app;
    }

    private static async Task<Results<Ok<Queue>, ValidationProblem, ProblemHttpResult>> QueueAsync(string? status, string? unit, HttpContext http,
        NpgsqlDataSource dataSource, CaseStore cases, UnitCodes units, CancellationToken ct)
    {
        if (units.InvalidFilter(unit) is { } invalidUnit) return invalidUnit;
        if (status is not null && !Enum.TryParse<RepairStatus>(status, out _))
            return CaseAccess.Invalid("status", $"status must be one of {string.Join(", ", Enum.GetNames<RepairStatus>())}.");
        if (CaseAccess.QueueScope(Caller.From(http.User), unit) is not { } scope)
            return CaseAccess.Forbidden("A member unit sees only the cases it decides.");
        await using var command = dataSource.CreateCommand("""
            select repair_id, subject_code, target_kind, target_id, deciding_unit, status, submitted_on, decision_due, feedback_due, version
            from repair_cases
            where ($1::text is null or status = $1) and ($2::text is null or deciding_unit = $2) and ($3::text is null or subject_code = $3)
            order by repair_id limit 1000
            """);
        foreach (var value in new[] { status, scope.Unit, scope.Subject })
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var today = cases.Today;
        var items = new List<QueueItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (state, decisionDue, feedbackDue) = (Enum.Parse<RepairStatus>(reader.GetString(5)),
                reader.IsDBNull(7) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(7), reader.GetFieldValue<DateOnly>(8));
            items.Add(new QueueItem(reader.GetString(0), reader.GetString(1), new TargetDto(reader.GetString(2), reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4), state.ToString(), reader.GetFieldValue<DateOnly>(6), decisionDue, feedbackDue,
                Deadlines.IsOverdue(state, feedbackDue, decisionDue, today), reader.GetInt64(9)));
        }
        return TypedResults.Ok(new Queue(items));
    }

    private static async Task<Results<Ok<CaseView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(string id, HttpContext http,
        CaseStore cases, CancellationToken ct)
    {
        var (repair, version) = await cases.LoadAsync<RepairCase>(CaseStore.RepairStream(id), ct);
        if (repair is null) return CaseAccess.NotFound("Repair", id);
        var caller = Caller.From(http.User);
        if (!CaseAccess.MayRead(caller, repair.SubjectCode, repair.DecidingUnit))
            return CaseAccess.Forbidden("A unit reads the cases it decides; a subject its own.");
        http.Response.SetVersion(version);
        return TypedResults.Ok(View(repair, version, cases.Today));
    }

    public static CaseView View(RepairCase c, long version, DateOnly today) =>
        new(c.RepairId, c.SubjectCode, new TargetDto(c.TargetKind.ToString(), c.TargetId), c.DecidingUnit, c.Status.ToString(), c.SubmittedOn,
            c.DecisionDue, c.FeedbackDue, c.IsOverdue(today), c.Commitment, c.Evidence, c.Reasons, c.EligibleFrom, c.DecisionNumber, c.DenialReason,
            version);

    private static async Task<Results<Ok<CaseHistory>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(string id, HttpContext http,
        CaseStore cases, CancellationToken ct)
    {
        var (repair, version) = await cases.LoadAsync<RepairCase>(CaseStore.RepairStream(id), ct);
        if (repair is null) return CaseAccess.NotFound("Repair", id);
        if (!CaseAccess.MayRead(Caller.From(http.User), repair.SubjectCode, repair.DecidingUnit))
            return CaseAccess.Forbidden("A unit reads the cases it decides; a subject its own.");
        http.Response.SetVersion(version);
        return TypedResults.Ok(new CaseHistory(id, CaseAccess.History(await cases.HistoryAsync(CaseStore.RepairStream(id), ct))));
    }
}
