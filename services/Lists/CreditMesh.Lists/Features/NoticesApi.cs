using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;
using CreditMesh.Lists.Domain.Notices;
using CreditMesh.Lists.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Lists.Features;

/// <summary>
/// GET /api/v1/subjects/{code}/notices (DESIGN §5.2): the notices (告知书) a subject was given before its entries took effect —
/// for the subject itself, the credit centre and auditors. Each says how to object and, since, what became of the entry.
/// </summary>
public static class NoticesApi
{
    public sealed record NoticeResponse(string NoticeId, string Kind, string SubjectCode, string ListEntryId, string ListType,
        IReadOnlyList<string> BasisRecordIds, string LegalBasis, DateTimeOffset IssuedAt, DateTimeOffset ObjectionDeadline, string Status,
        string HowToObject, string? ListEntryStatus, string? RemovalReason);

    public sealed record NoticePage(IReadOnlyList<NoticeResponse> Items);

    /// <summary>Notices live in their own streams and table, written with the proposal; the registry archives them.</summary>
    public static EventStoreBuilder ListingNotices(this EventStoreBuilder store) =>
        store.Event<NoticeIssued>().InlineProjection<NoticeProjection>().ReadModel(NoticeQueries.EnsureCreatedAsync);

    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/subjects/{code}/notices", ListAsync).RequireRoles(Roles.Subject, Roles.CreditCenter, Roles.Auditor)
            .WithAccessLog("notices", "code").WithTags("Notices");
        return app;
    }

    private static async Task<Results<Ok<NoticePage>, ValidationProblem, ProblemHttpResult>> ListAsync(string code, HttpContext http,
        NpgsqlDataSource dataSource, SubjectLists lists, TimeProvider time, CancellationToken ct)
    {
        var check = SubjectCode.ValidateAnyKind(code);
        if (!check.IsValid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [check.Error!] });
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(check.Normalized))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject reads its own notices only.");
        var now = time.GetUtcNow();
        var entries = (await ListEntryQueries.FindAsync(dataSource, check.Normalized, null, null, now, ct)).ToDictionary(e => e.State.ListEntryId, e => e.State);
        var notices = await NoticeQueries.OfSubjectAsync(dataSource, check.Normalized, ct);
        return TypedResults.Ok(new NoticePage(notices.Select(n =>
        {
            var entry = entries.GetValueOrDefault(n.Notice.ListEntryId);
            return new NoticeResponse(n.Notice.NoticeId, "ListingProposed", n.Notice.SubjectCode, n.Notice.ListEntryId, n.Notice.ListType.ToString(),
                n.Notice.BasisRecordIds, n.Notice.LegalBasis, n.Notice.IssuedAt, n.Notice.ObjectionDeadline,
                ListingNotice.StatusAt(n.Notice.ObjectionDeadline, n.ObjectedInTime, now).ToString(), HowToObject(n.Notice),
                entry?.Status.ToString(), entry?.RemovalReason?.ToString());
        }).ToList()));
    }

    /// <summary>What the subject does to object (异议): the request it sends, and by when.</summary>
    private static string HowToObject(NoticeIssued notice) =>
        $"如有异议，请于 {Calendar.ChinaTime.DayOf(notice.ObjectionDeadline.AddTicks(-1)):yyyy-MM-dd} 24:00（北京时间）前提出：POST /api/v1/objections " +
        $"{{\"subjectCode\":\"{notice.SubjectCode}\",\"target\":{{\"kind\":\"ListEntry\",\"id\":\"{notice.ListEntryId}\"}},\"grounds\":\"…\"}}。" +
        "异议处理期间该名单不生效。 To object, send that request by the deadline; the entry does not take effect while the objection is open.";
}
