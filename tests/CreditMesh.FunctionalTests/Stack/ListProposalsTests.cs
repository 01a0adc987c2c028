using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.ListsTests;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>成员单位认定 by hand (DESIGN §4.3, §7): on the unit's own records only, withdrawn only by it; bad input names its fields.</summary>
public sealed class ListProposalsTests
{
    private const string UnitB = "11440300MA5F0000X9";

    [Test]
    [CancelAfter(60_000)]
    public async Task A_unit_proposes_on_its_own_record_only_and_only_it_withdraws_the_entry(CancellationToken ct)
    {
        using var unitA = Clerk();
        using var unitB = Clerk(UnitB);
        var code = TestCodes.CreditCode();
        var record = RecordsTests.Penalty(code, $"PEN-{Guid.NewGuid():N}");
        var recordId = (await (await unitA.PostAsJsonAsync("/api/v1/records", record, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString()!;

        var entry = await ProposeWhenKnownAsync(unitA, Proposal(code, recordId), ct);
        Assert.That((Summary(entry), entry.GetProperty("determinedBy").GetString()), Is.EqualTo(("KeyAttention:Proposed", UnitA)));
        var id = entry.GetProperty("listEntryId").GetString();

        var byB = await unitB.PostAsync("/api/v1/list-entries", new StringContent(Proposal(code, recordId, "SeriousDishonesty"),
            System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.That(byB.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "unit B may not determine on unit A's record");
        var withdrawnByB = await unitB.PostAsJsonAsync($"/api/v1/list-entries/{id}/removal", new { reason = "不是我的" }, ct);
        Assert.That(withdrawnByB.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await withdrawnByB.Content.ReadAsStringAsync(ct));
        Assert.That(withdrawnByB.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        var withdrawn = await unitA.PostAsJsonAsync($"/api/v1/list-entries/{id}/removal", new { reason = "认定有误" }, ct);
        var read = await withdrawn.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.That((Summary(read), read.GetProperty("version").GetInt64(), withdrawn.Headers.ETag?.Tag), Is.EqualTo(("KeyAttention:Removed:Withdrawn", 2L, "\"2\"")));
        Assert.That((await unitB.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{id}", ct)).GetProperty("status").GetString(), Is.EqualTo("Removed"),
            "other units read every entry: lists are shared for joint punishment");
    }

    [Test]
    public async Task A_proposal_with_bad_fields_names_each_of_them_and_stores_nothing()
    {
        using var clerk = Clerk();

        var response = await clerk.PostAsync("/api/v1/list-entries", new StringContent(
            """{"listType":"BlackList","subjectCode":"","basisRecordIds":["no-such-record"],"validUntil":"2026/12/01"}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "listType", "subjectCode", "reason", "validUntil", "basisRecordIds[0]" }));
        var filtered = await clerk.GetAsync("/api/v1/list-entries?status=Expired");
        Assert.That(((int)filtered.StatusCode, (await filtered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _)),
            Is.EqualTo((400, true)));
    }

    [Test]
    public async Task A_subject_reads_only_its_own_list_entries_an_approver_none_and_an_unknown_entry_is_404()
    {
        // DESIGN §5.2 (issue 18): a subject reads its own entries of every status, and no other subject's.
        using var subject = RunningSystem.Client(DevTokens.For(Roles.Subject, subject: TestCodes.CreditCode()));
        var own = await subject.GetAsync("/api/v1/list-entries");
        var others = await subject.GetAsync($"/api/v1/list-entries?subjectCode={TestCodes.CreditCode()}");
        var asApprover = await RunningSystem.Client(DevTokens.For(Roles.Approver, unit: "APPROVAL-SZ-01")).GetAsync("/api/v1/list-entries");
        var unknown = await Auditor().GetAsync($"/api/v1/list-entries/{Guid.NewGuid()}");

        Assert.That((own.StatusCode, others.StatusCode, asApprover.StatusCode, unknown.StatusCode),
            Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound)));
        Assert.That((await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength(), Is.Zero, "a subject never listed has none");
    }
}
