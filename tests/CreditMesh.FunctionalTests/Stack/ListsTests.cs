extern alias Ingestion;
using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>名单认定 over the running system (DESIGN §4.3): entries from records, by hand, and from repair decisions.</summary>
public sealed class ListsTests
{
    public const string UnitA = "11440300MB2C928511";
    private static readonly Actor Court = new(UnitA, "court-clerk", Roles.MemberUnit);

    public static HttpClient Clerk(string unit = UnitA) => RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: unit, user: "clerk-" + unit));
    public static HttpClient Auditor() => RunningSystem.Client(DevTokens.For(Roles.Auditor));

    /// <summary>The record id ingestion gives a unit's record (name-based on its key), for bodies built before the record exists.</summary>
    public static string RecordIdOf(string unit, string sourceRecordId) => Ingestion::CreditMesh.Ingestion.Domain.Records.RecordIds.For(unit, sourceRecordId);

    public static string Proposal(string subjectCode, string recordId, string listType = "KeyAttention") =>
        $$"""{"listType":"{{listType}}","subjectCode":"{{subjectCode}}","basisRecordIds":["{{recordId}}"],"reason":"多次违反广告管理规定"}""";

    /// <summary>Proposes once lists has learnt of the basis record (it hears of records through RabbitMQ, not at once).</summary>
    public static async Task<JsonElement> ProposeWhenKnownAsync(HttpClient clerk, string body, CancellationToken ct)
    {
        while (true)
        {
            var response = await clerk.PostAsync("/api/v1/list-entries", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
            if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync(ct));
            await Task.Delay(50, ct);
        }
    }

    private static async Task<List<JsonElement>> EntriesAsync(string code, CancellationToken ct) =>
        (await Auditor().GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={code}", ct)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Reads the subject's entries until they look as expected (bounded by the test's CancelAfter).</summary>
    private static Task<List<JsonElement>> EventuallyAsync(string code, Func<List<JsonElement>, bool> expected, CancellationToken ct) =>
        Eventually.UntilAsync(() => EntriesAsync(code, ct), expected, $"the entries of {code}", Timeout.InfiniteTimeSpan, ct);

    public static string Summary(JsonElement e) =>
        $"{e.GetProperty("listType").GetString()}:{e.GetProperty("status").GetString()}" +
        (e.TryGetProperty("removalReason", out var r) && r.ValueKind == JsonValueKind.String ? ":" + r.GetString() : "");

    /// <summary>Waits until lists' inbox shows the message was consumed (for outcomes that change nothing visible).</summary>
    private static async Task ConsumedAsync(Guid messageId, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(RunningSystem.Databases["Lists"]);
        while (true)
        {
            await using var command = dataSource.CreateCommand("select count(*) from inbox where message_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = messageId });
            if ((long)(await command.ExecuteScalarAsync(ct))! > 0) return;
            await Task.Delay(50, ct);
        }
    }

    public static CreditRecordAccepted Accepted(string code, string recordId, string category, string? severity = null, DateOnly? validUntil = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"record-{recordId}", 1, null, Court, recordId, UnitA, category, "测试企业", "LegalPerson",
            new DateOnly(2026, 5, 10), severity, ValidUntil: validUntil);

    private static CreditRecordRevoked Revoked(string code, string recordId) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"record-{recordId}", 2, null, Court, recordId, "法院撤销");

    [Test]
    [CancelAfter(60_000)]
    public async Task A_court_defaulter_record_submitted_to_ingestion_becomes_active_and_its_revocation_removes_it_as_basis_revoked(CancellationToken ct)
    {
        using var clerk = Clerk();
        var code = TestCodes.CreditCode();
        var record = RecordsTests.Penalty(code, $"CD-{Guid.NewGuid():N}");
        foreach (var field in new[] { "severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent", "fineAmount", "confiscatedAmount" })
            record.Remove(field);
        record["category"] = "CourtDefaulter";
        record["facts"] = "未履行生效判决确定的给付义务";
        record["validUntil"] = "2028-12-31";
        var submitted = await clerk.PostAsJsonAsync("/api/v1/records", record, ct);
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync(ct));
        var recordId = (await submitted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString();

        var entry = (await EventuallyAsync(code, e => e.Count == 1, ct)).Single();
        Assert.That((Summary(entry), entry.GetProperty("determinedBy").GetString(), entry.GetProperty("basisRecordIds")[0].GetString(),
            entry.GetProperty("validUntil").GetDateTimeOffset(), entry.GetProperty("version").GetInt64()),
            Is.EqualTo(("CourtDefaulter:Active", UnitA, recordId, new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), 1L)));

        await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/revocation", new { reason = "执行依据被撤销" }, ct);

        await EventuallyAsync(code, e => e.Select(Summary).SequenceEqual(["CourtDefaulter:Removed:BasisRevoked"]), ct);
        var id = entry.GetProperty("listEntryId").GetString();
        var history = await Auditor().GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{id}/history", ct);
        Assert.That(history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "entry-activated", "entry-removed" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_same_acceptance_delivered_twice_makes_one_entry(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var accepted = Accepted(code, Guid.NewGuid().ToString(), "CourtDefaulter");
        var republished = accepted with { EventId = Guid.NewGuid() };

        await RunningSystem.PublishAsync(ct, accepted, accepted, republished);

        await ConsumedAsync(accepted.EventId, ct);
        await ConsumedAsync(republished.EventId, ct);
        var entries = await EventuallyAsync(code, e => e.Count > 0, ct);
        Assert.That(entries.Select(e => (Summary(e), e.GetProperty("version").GetInt64())), Is.EqualTo(new[] { ("CourtDefaulter:Active", 1L) }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_revocation_consumed_before_its_acceptance_leaves_no_entry_and_no_red_list_veto(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var court = Guid.NewGuid().ToString();
        var revoked = Revoked(code, court);
        await RunningSystem.PublishAsync(ct, revoked);
        await ConsumedAsync(revoked.EventId, ct);

        var accepted = Accepted(code, court, "CourtDefaulter");
        await RunningSystem.PublishAsync(ct, accepted, Accepted(code, Guid.NewGuid().ToString(), "Honor"));
        await ConsumedAsync(accepted.EventId, ct);

        var entries = await EventuallyAsync(code, e => e.Count > 0, ct);
        Assert.That(entries.Select(Summary), Is.EqualTo(new[] { "RedList:Active" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_correction_consumed_before_its_acceptance_wins_and_a_serious_penalty_corrected_to_general_makes_no_entry(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = Guid.NewGuid().ToString();
        var corrected = new CreditRecordCorrected(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"record-{recordId}", 2, null, Court, recordId, "处罚等级更正",
            "AdministrativePenalty", "General", new DateOnly(2026, 5, 10), SourceUnit: UnitA);
        await RunningSystem.PublishAsync(ct, corrected);
        await ConsumedAsync(corrected.EventId, ct);

        var accepted = Accepted(code, recordId, "AdministrativePenalty", "Serious");
        await RunningSystem.PublishAsync(ct, accepted);
        await ConsumedAsync(accepted.EventId, ct);

        Assert.That(await EntriesAsync(code, ct), Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_court_defaulter_entry_suspends_the_red_entry_and_its_removal_restores_it(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await RunningSystem.PublishAsync(ct, Accepted(code, Guid.NewGuid().ToString(), "Honor"));
        await EventuallyAsync(code, e => e.Select(Summary).SequenceEqual(["RedList:Active"]), ct);
        var court = Guid.NewGuid().ToString();

        await RunningSystem.PublishAsync(ct, Accepted(code, court, "CourtDefaulter"));
        await EventuallyAsync(code, e => e.Select(Summary).Order().SequenceEqual(["CourtDefaulter:Active", "RedList:Suspended"]), ct);

        await RunningSystem.PublishAsync(ct, Revoked(code, court));
        await EventuallyAsync(code, e => e.Select(Summary).Order().SequenceEqual(["CourtDefaulter:Removed:BasisRevoked", "RedList:Active"]), ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_upheld_objection_removes_a_proposed_entry_and_an_approved_repair_removes_an_active_one(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await RunningSystem.PublishAsync(ct, Accepted(code, Guid.NewGuid().ToString(), "AdministrativePenalty", "Serious"),
            Accepted(code, Guid.NewGuid().ToString(), "CommitmentBreach"));
        var entries = await EventuallyAsync(code, e => e.Count == 2, ct);
        var proposed = entries.Single(e => Summary(e) == "SeriousDishonesty:Proposed").GetProperty("listEntryId").GetString()!;
        var active = entries.Single(e => Summary(e) == "KeyAttention:Active").GetProperty("listEntryId").GetString()!;

        var objection = $"OBJ-{Guid.NewGuid():N}";
        await RunningSystem.PublishAsync(ct,
            new ObjectionOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"objection-{objection}", 1, null, null, objection, "ListEntry", proposed),
            new ObjectionResolved(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"objection-{objection}", 2, null, Court, objection, Upheld: true, "None",
                "认定依据不足", "ListEntry", proposed),
            new RepairDecided(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"repair-{Guid.NewGuid():N}", 3, null, Court, "RP-1", "ListEntry", active,
                Approved: true, "深信修〔2026〕7号", null));

        await EventuallyAsync(code, e => e.Select(Summary).Order().SequenceEqual(
            ["KeyAttention:Removed:Repaired", "SeriousDishonesty:Removed:ObjectionUpheld"]), ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_approved_repair_of_a_basis_penalty_removes_the_key_attention_entry_as_repaired(CancellationToken ct)
    {
        // Given three general penalties within a year: a key-attention entry
        var code = TestCodes.CreditCode();
        var penalties = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await RunningSystem.PublishAsync(ct, [.. penalties.Select(id => Accepted(code, id, "AdministrativePenalty", "General"))]);
        await EventuallyAsync(code, e => e.Select(Summary).SequenceEqual(["KeyAttention:Active"]), ct);

        // When the repair of one of them is approved (信用修复 of the record, not of the entry)
        await RunningSystem.PublishAsync(ct, new RepairDecided(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"repair-{Guid.NewGuid():N}", 3, null, UnitActor,
            "RP-2", "Record", penalties[0], Approved: true, "深市监修〔2026〕2号", null));

        // Then two penalties remain in the window and the entry goes, as repaired
        await EventuallyAsync(code, e => e.Select(Summary).SequenceEqual(["KeyAttention:Removed:Repaired"]), ct);
    }

    private static readonly Actor UnitActor = new(UnitA, "clerk-a", "member-unit");
}
