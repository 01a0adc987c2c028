extern alias Ingestion;
using CreditMesh.Contracts.Vocabulary;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>How repairs, objections and the calendar end or mark a record's disclosure (DESIGN §4.2, §4.5).</summary>
public sealed class RecordLifecycleTests
{
    private static readonly Actor Unit = new("11440300MB2C928511", "clerk", Roles.MemberUnit);

    private static async Task<(string Code, string RecordId, HttpClient Clerk)> SubmitAsync(Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var code = TestCodes.CreditCode();
        var clerk = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: Unit.Unit));
        var body = RecordsTests.Penalty(code, $"PEN-{Guid.NewGuid():N}");
        change?.Invoke(body);
        var created = await (await clerk.PostAsJsonAsync("/api/v1/records", body)).Content.ReadFromJsonAsync<JsonElement>();
        return (code, created.GetProperty("recordId").GetString()!, clerk);
    }

    private static async Task<List<string>> DisclosedAsync(string code) =>
        (await RunningSystem.Client().GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}")).GetProperty("records")
            .EnumerateArray().Select(r => $"{r.GetProperty("recordId").GetString()}:{r.GetProperty("underObjection").GetBoolean()}").ToList();

    private static async Task<List<string>> HistoryTypesAsync(HttpClient clerk, string recordId) =>
        (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}/history")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString()!).ToList();

    /// <summary>Asks again until another service's message has been consumed (bounded by CancelAfter).</summary>
    private static Task UntilAsync(Func<Task<bool>> condition, CancellationToken ct) => RepairFixtures.UntilAsync(condition, ct);

    [Test]
    [CancelAfter(60_000)]
    public async Task An_approved_repair_ends_the_records_disclosure(CancellationToken ct)
    {
        var (code, recordId, clerk) = await SubmitAsync();
        Assert.That(await DisclosedAsync(code), Is.EqualTo(new[] { $"{recordId}:False" }));

        await RunningSystem.PublishAsync(ct, new RepairDecided(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"repair-{Guid.NewGuid():N}", 3, null, Unit,
            "RP-1", "Record", recordId, Approved: true, "深信修〔2026〕1号", null));

        await UntilAsync(async () => (await HistoryTypesAsync(clerk, recordId)).Contains("record-disclosure-ended"), ct);
        Assert.That(await DisclosedAsync(code), Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_open_objection_marks_the_record_and_an_upheld_one_that_revokes_takes_it_down(CancellationToken ct)
    {
        var (code, recordId, clerk) = await SubmitAsync();
        var objection = $"OBJ-{Guid.NewGuid():N}";
        await RunningSystem.PublishAsync(ct, new ObjectionOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"objection-{objection}", 1, null,
            new Actor(null, "ent", Roles.Subject), objection, "Record", recordId));
        await UntilAsync(async () => (await DisclosedAsync(code)).SequenceEqual([$"{recordId}:True"]), ct);
        Assert.That((await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/records/{recordId}", ct)).GetProperty("underObjection").GetBoolean(), Is.True);

        await RunningSystem.PublishAsync(ct, new ObjectionResolved(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"objection-{objection}", 2, null, Unit,
            objection, Upheld: true, "Revoke", "处罚决定认定事实不清"));

        await UntilAsync(async () => (await HistoryTypesAsync(clerk, recordId)).Contains("record-revoked"), ct);
        Assert.That(await DisclosedAsync(code), Is.Empty);
    }

    [Test]
    public async Task A_record_whose_publicity_window_closed_gets_its_disclosure_ended_event()
    {
        // Decided 2025-01-10, General under the 2019 rules: disclosed for one year, so its window closed on 2026-01-10
        var (code, recordId, clerk) = await SubmitAsync(b => b["decisionDate"] = "2025-01-10");
        Assert.That(await DisclosedAsync(code), Is.Empty, "closed at read time already");

        var expiry = RunningSystem.Services["Ingestion"].GetRequiredService<Ingestion::CreditMesh.Ingestion.Features.PublicityExpiry>();
        await expiry.EndClosedWindowsAsync(CancellationToken.None);

        Assert.That(await HistoryTypesAsync(clerk, recordId), Is.EqualTo(new[] { "record-accepted", "record-disclosure-ended" }));
    }
}
