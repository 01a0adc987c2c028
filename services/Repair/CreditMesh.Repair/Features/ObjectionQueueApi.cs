using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Repair.Domain.Objections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>GET /api/v1/objections?status=&amp;unit=, /{id} and /{id}/history (additions to DESIGN §5 for the console, ADR 0009).</summary>
public static class ObjectionQueueApi
{
    public sealed record ObjectionItem(string ObjectionId, string SubjectCode, RepairQueueApi.TargetDto Target, string OwnerUnit, string Status,
        string Action, DateTimeOffset RaisedAt, long Version);
    public sealed record ObjectionQueue(IReadOnlyList<ObjectionItem> Items);
    public sealed record ObjectionView(string ObjectionId, string SubjectCode, RepairQueueApi.TargetDto Target, string OwnerUnit, string Status,
        string Grounds, DateTimeOffset RaisedAt, string Action, string? Correction, string? Reason, long Version);
    public sealed record ObjectionHistory(string ObjectionId, IReadOnlyList<CaseAccess.HistoryEntry> Items);

    private static readonly string[] Readers = [Roles.MemberUnit, Roles.Subject, Roles.Auditor, Roles.CreditCenter];

    public static IEndpointRouteBuilder MapObjectionQueueApi(this IEndpointRouteBuilder app)
    {
        var objections = app.MapGroup("/api/v1/objections").WithTags("Objections");
        objections.MapGet("", QueueAsync).RequireRoles(Readers).WithAccessLog("objection-queue", "status", "unit");
        objections.MapGet("/{id}", GetAsync).RequireRoles(Readers).WithAccessLog("objection-read", "id");
        objections.MapGet("/{id}/history", HistoryAsync).RequireRoles(Readers).WithAccessLog("objection-history", "id");
        return app;
    }

    private static async Task<Results<Ok<ObjectionQueue>, ValidationProblem, ProblemHttpResult>> QueueAsync(string? status, string? unit,
        HttpContext http, NpgsqlDataSource dataSource, UnitCodes units, CancellationToken ct)
    {
        if (units.InvalidFilter(unit) is { } invalidUnit) return invalidUnit;
        if (status is not null && !Enum.TryParse<ObjectionStatus>(status, out _))
            return CaseAccess.Invalid("status", $"status must be one of {string.Join(", ", Enum.GetNames<ObjectionStatus>())}.");
        if (CaseAccess.QueueScope(Caller.From(http.User), unit) is not { } scope)
            return CaseAccess.Forbidden("A member unit sees only the objections it resolves.");
        await using var command = dataSource.CreateCommand("""
            select objection_id, subject_code, target_kind, target_id, owner_unit, status, action, raised_at, version from objections
            where ($1::text is null or status = $1) and ($2::text is null or owner_unit = $2) and ($3::text is null or subject_code = $3)
            order by objection_id limit 1000
            """);
        foreach (var value in new[] { status, scope.Unit, scope.Subject })
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var items = new List<ObjectionItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new ObjectionItem(reader.GetString(0), reader.GetString(1), new(reader.GetString(2), reader.GetString(3)), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt64(8)));
        return TypedResults.Ok(new ObjectionQueue(items));
    }

    private static async Task<Results<Ok<ObjectionView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(string id, HttpContext http,
        CaseStore cases, CancellationToken ct)
    {
        var (o, version) = await cases.LoadAsync<Objection>(CaseStore.ObjectionStream(id), ct);
        if (o is null) return CaseAccess.NotFound("Objection", id);
        var caller = Caller.From(http.User);
        if (!CaseAccess.MayRead(caller, o.SubjectCode, o.OwnerUnit))
            return CaseAccess.Forbidden("A unit reads the objections it resolves; a subject its own.");
        http.Response.SetVersion(version);
        return TypedResults.Ok(new ObjectionView(o.ObjectionId, o.SubjectCode, new(o.TargetKind.ToString(), o.TargetId), o.OwnerUnit, o.Status.ToString(),
            o.Grounds, o.RaisedAt, o.Action.ToString(), o.Correction, o.Reason, version));
    }

    private static async Task<Results<Ok<ObjectionHistory>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(string id, HttpContext http,
        CaseStore cases, CancellationToken ct)
    {
        var (o, version) = await cases.LoadAsync<Objection>(CaseStore.ObjectionStream(id), ct);
        if (o is null) return CaseAccess.NotFound("Objection", id);
        if (!CaseAccess.MayRead(Caller.From(http.User), o.SubjectCode, o.OwnerUnit))
            return CaseAccess.Forbidden("A unit reads the objections it resolves; a subject its own.");
        http.Response.SetVersion(version);
        return TypedResults.Ok(new ObjectionHistory(id, CaseAccess.History(await cases.HistoryAsync(CaseStore.ObjectionStream(id), ct))));
    }
}
