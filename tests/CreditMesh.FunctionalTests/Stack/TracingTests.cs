using CreditMesh.Contracts.Vocabulary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>One trace follows a record from intake through lists to matching (the outbox keeps the writer's trace parent).</summary>
public sealed class TracingTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_court_record_keeps_its_trace_id_from_intake_through_lists_to_matching(CancellationToken ct)
    {
        // Given a member unit's request that starts a trace of its own
        var traceId = ActivityTraceId.CreateRandom();
        using var court = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: ListsTests.UnitA, user: "trace-court"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/records")
        {
            Content = JsonContent.Create(CourtRecord(TestCodes.CreditCode())),
        };
        // (as the caller's current activity: the HttpClient instrumentation in this process sends its context as traceparent)
        using var caller = new Activity("member unit's request").SetParentId($"00-{traceId}-{ActivitySpanId.CreateRandom()}-01").Start();

        // When it submits a court defaulter record
        var response = await court.SendAsync(request, ct);
        caller.Stop();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync(ct));

        // Then spans of that trace show ingestion's outbox, lists consuming the record and matching consuming the entry
        var names = await SpansOfTraceAsync(traceId, n => n.Any(s => s.Contains("lists-record")) && n.Any(s => s.Contains("matching-list-entry")), ct);
        Assert.That(names, Has.Some.Contains("outbox publish"));
        Assert.That(names, Has.Some.Contains("lists-record"));
        Assert.That(names, Has.Some.Contains("matching-list-entry"));
    }

    private static async Task<List<string>> SpansOfTraceAsync(ActivityTraceId traceId, Func<List<string>, bool> complete, CancellationToken ct)
    {
        while (true)
        {
            var names = RunningSystem.Spans.Where(s => s.TraceId == traceId).Select(s => s.DisplayName).Distinct().ToList();
            if (complete(names)) return names;
            await Task.Delay(50, ct);
        }
    }

    private static object CourtRecord(string code) => new
    {
        sourceRecordId = $"TRACE-{Guid.NewGuid():N}",
        category = "CourtDefaulter",
        subject = new { code, name = "追踪测试企业", kind = "LegalPerson" },
        decisionNumber = "（2026）粤03执88号",
        decisionDate = "2026-11-02",
        decidingAuthority = new { name = "深圳市中级人民法院" },
        facts = "未履行生效法律文书确定的给付义务",
    };
}
