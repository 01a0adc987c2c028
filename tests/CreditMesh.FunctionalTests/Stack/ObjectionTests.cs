using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>异议 over the running system: disclosure marks the record while open; the owning unit's resolution takes effect (DESIGN §4.5).</summary>
public sealed class ObjectionTests
{
    public static Task<HttpResponseMessage> ObjectAsync(HttpClient subject, string code, string recordId, CancellationToken ct) =>
        subject.PostAsJsonAsync("/api/v1/objections", new { subjectCode = code, target = new { kind = "Record", id = recordId }, grounds = "处罚对象认定错误" }, ct);

    private static async Task<Dictionary<string, bool>> DisclosedAsync(string code, CancellationToken ct) =>
        (await RunningSystem.Client().GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}", ct)).GetProperty("records").EnumerateArray()
            .ToDictionary(r => r.GetProperty("recordId").GetString()!, r => r.GetProperty("underObjection").GetBoolean());

    private static async Task<(string Code, string RecordId, string ObjectionId)> OpenObjectionAsync(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-1), ct);
        using var subject = SubjectClient(code);
        var opened = await JsonAsync(await ObjectAsync(subject, code, recordId, ct), HttpStatusCode.Created);
        Assert.That(opened.GetProperty("status").GetString(), Is.EqualTo("Open"));
        await UntilAsync(async () => (await DisclosedAsync(code, ct)).GetValueOrDefault(recordId), ct);
        return (code, recordId, opened.GetProperty("objectionId").GetString()!);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_upheld_objection_that_revokes_takes_the_record_out_of_disclosure(CancellationToken ct)
    {
        // Given an open objection: disclosure shows the record "under objection"
        var (code, recordId, objectionId) = await OpenObjectionAsync(ct);
        using var clerk = Clerk();

        // When the owning unit upholds it with revocation
        var resolved = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "Revoke", reason = "处罚决定认定事实不清，予以撤销" }, ct), HttpStatusCode.OK);

        // Then the record is revoked downstream and no longer disclosed
        Assert.That(resolved.GetProperty("status").GetString(), Is.EqualTo("Upheld"));
        await UntilAsync(async () => !(await DisclosedAsync(code, ct)).ContainsKey(recordId), ct);
        var record = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}", ct);
        Assert.That(record.GetProperty("status").GetString(), Is.EqualTo("Revoked"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_rejected_objection_changes_nothing_but_the_marker(CancellationToken ct)
    {
        var (code, recordId, objectionId) = await OpenObjectionAsync(ct);
        using var clerk = Clerk();

        var resolved = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = false, action = "None", reason = "信息与处罚决定书一致" }, ct), HttpStatusCode.OK);

        Assert.That(resolved.GetProperty("status").GetString(), Is.EqualTo("Rejected"));
        await UntilAsync(async () => (await DisclosedAsync(code, ct)).TryGetValue(recordId, out var marked) && !marked, ct);
        var record = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}", ct);
        Assert.That(record.GetProperty("status").GetString(), Is.EqualTo("Active"));
        var queue = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/objections?status=Rejected", ct);
        Assert.That(queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("objectionId").GetString()), Does.Contain(objectionId));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_resolution_must_match_its_outcome_and_a_second_different_one_is_409(CancellationToken ct)
    {
        var (_, _, objectionId) = await OpenObjectionAsync(ct);
        using var clerk = Clerk();

        var noAction = await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "None", reason = "x" }, ct), HttpStatusCode.BadRequest);
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = false, action = "None", reason = "信息准确" }, ct), HttpStatusCode.OK);
        var changed = await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "Correct", correction = "罚款金额", reason = "金额有误" }, ct);

        Assert.That(noAction.GetProperty("errors").TryGetProperty("action", out _), Is.True);
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Another_unit_cannot_resolve_and_another_subject_cannot_object_or_read(CancellationToken ct)
    {
        var (code, recordId, objectionId) = await OpenObjectionAsync(ct);
        using var unitB = Clerk(UnitB);
        var stranger = TestCodes.CreditCode();
        using var otherSubject = SubjectClient(stranger);

        var byUnitB = await unitB.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution", new { upheld = false, action = "None", reason = "x" }, ct);
        var readByUnitB = await unitB.GetAsync($"/api/v1/objections/{objectionId}", ct);
        var forOther = await ObjectAsync(otherSubject, code, recordId, ct);
        var readByOther = await otherSubject.GetAsync($"/api/v1/objections/{objectionId}", ct);
        var notTheirs = await JsonAsync(await ObjectAsync(otherSubject, stranger, recordId, ct), HttpStatusCode.BadRequest);

        Assert.That((byUnitB.StatusCode, readByUnitB.StatusCode, forOther.StatusCode, readByOther.StatusCode),
            Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
        Assert.That(notTheirs.GetProperty("errors").TryGetProperty("target.id", out _), Is.True, "the record is the other subject's");
    }
}
