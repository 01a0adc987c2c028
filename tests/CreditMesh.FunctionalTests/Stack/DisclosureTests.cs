using CreditMesh.Contracts.Vocabulary;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>What the public sees (GET /api/v1/disclosures, DESIGN §5): records in their publicity window, masked, logged.</summary>
public sealed class DisclosureTests
{
    [Test]
    public async Task The_public_sees_records_in_their_window_only_and_the_query_is_access_logged()
    {
        // Given a disclosed General penalty, a Minor one (not disclosed), one whose year ended, and a revoked one
        var code = TestCodes.CreditCode();
        using var clerk = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: "11440300MB2C928511"));
        async Task<string> Submit(Action<System.Text.Json.Nodes.JsonObject> change)
        {
            var body = RecordsTests.Penalty(code, $"PEN-{Guid.NewGuid():N}");
            change(body);
            var response = await clerk.PostAsJsonAsync("/api/v1/records", body);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordId").GetString()!;
        }
        var disclosed = await Submit(_ => { });
        await Submit(b => { b["severity"] = "Minor"; b["penaltyCategories"] = new System.Text.Json.Nodes.JsonArray("Warning"); b.Remove("fineAmount"); b["penaltyContent"] = "警告"; });
        await Submit(b => b["decisionDate"] = "2025-01-10");
        var revoked = await Submit(b => b["decisionNumber"] = "深市监罚〔2026〕999号");
        await clerk.PostAsJsonAsync($"/api/v1/records/{revoked}/revocation", new { reason = "撤销" });

        // When anyone asks, without a token
        using var anyone = RunningSystem.Client();
        var disclosure = await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}");

        // Then only the record in its window is shown, with the public fields
        var records = disclosure.GetProperty("records").EnumerateArray().ToList();
        Assert.That(records.Select(r => r.GetProperty("recordId").GetString()), Is.EqualTo(new[] { disclosed }));
        Assert.That((records[0].GetProperty("decisionNumber").GetString(), records[0].GetProperty("penaltyContent").GetString(),
            records[0].GetProperty("underObjection").GetBoolean()), Is.EqualTo(("深市监罚〔2026〕123号", "罚款5万元", false)));
        Assert.That(disclosure.GetProperty("listEntries").GetArrayLength(), Is.EqualTo(0));

        // And the query is in ingestion's access log
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/access-log/ingestion?action=disclosure&limit=1000");
        Assert.That(log.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("target").GetString() == code && e.GetProperty("status").GetInt32() == 200));
    }

    [Test]
    public async Task A_natural_persons_code_is_masked_for_the_public()
    {
        var person = TestCodes.IdNumber(new DateOnly(1980, 6, 15), Random.Shared.Next(1000));
        using var anyone = RunningSystem.Client();
        var disclosure = await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={person}");
        Assert.That(disclosure.GetProperty("subjectCode").GetString(), Is.EqualTo(person[..6] + "********" + person[14..]));
    }
}

public sealed class DisclosedListEntryTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Active_list_entries_are_disclosed_and_removed_or_expired_ones_are_not_whatever_the_arrival_order(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var unit = new CreditMesh.Contracts.Actor("COURT-SZ", "judge", Roles.MemberUnit);
        var now = DateTimeOffset.UtcNow;
        await RunningSystem.PublishAsync(ct,
            new CreditMesh.Contracts.ListEntryActivated(Guid.NewGuid(), now, code, "list-entry-A", 1, null, unit, "LE-A", "CourtDefaulter", "COURT-SZ", now, now.AddYears(2)),
            new CreditMesh.Contracts.ListEntryActivated(Guid.NewGuid(), now.AddYears(-2), code, "list-entry-B", 1, null, unit, "LE-B", "KeyAttention", "COURT-SZ", now.AddYears(-2), now.AddDays(-1)),
            // removal delivered before its activation
            new CreditMesh.Contracts.ListEntryRemoved(Guid.NewGuid(), now, code, "list-entry-C", 2, null, unit, "LE-C", "BasisRevoked"),
            new CreditMesh.Contracts.ListEntryActivated(Guid.NewGuid(), now, code, "list-entry-C", 1, null, unit, "LE-C", "SeriousDishonesty", "COURT-SZ", now, now.AddYears(3)));

        using var anyone = RunningSystem.Client();
        while (true)
        {
            var entries = (await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}", ct)).GetProperty("listEntries");
            if (entries.GetArrayLength() > 0)
            {
                Assert.That(entries.EnumerateArray().Select(e => (e.GetProperty("listEntryId").GetString(), e.GetProperty("listType").GetString())),
                    Is.EqualTo(new[] { ("LE-A", "CourtDefaulter") }));
                break;
            }
            await Task.Delay(50, ct);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_red_entry_suspended_by_a_black_one_is_not_disclosed_until_it_is_restored(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var unit = new CreditMesh.Contracts.Actor("TAX-SZ", "clerk", Roles.MemberUnit);
        var now = DateTimeOffset.UtcNow;
        await RunningSystem.PublishAsync(ct,
            new CreditMesh.Contracts.ListEntryActivated(Guid.NewGuid(), now, code, "list-entry-R", 1, null, unit, "LE-R", "RedList", "TAX-SZ", now, now.AddYears(1)),
            new CreditMesh.Contracts.ListEntrySuspended(Guid.NewGuid(), now, code, "list-entry-R", 2, null, unit, "LE-R", "LE-BLACK"),
            new CreditMesh.Contracts.ListEntryActivated(Guid.NewGuid(), now, code, "list-entry-M", 1, null, unit, "LE-M", "KeyAttention", "TAX-SZ", now, now.AddYears(1)));
        await ConsumedAsync(code, ("LE-R", 2), ("LE-M", 1), ct);
        using var anyone = RunningSystem.Client();
        Assert.That(await DisclosedEventuallyAsync(anyone, code, ids => ids.Contains("LE-M"), ct), Is.EqualTo(new[] { "LE-M" }), "the suspended red entry is hidden");

        await RunningSystem.PublishAsync(ct, new CreditMesh.Contracts.ListEntryRestored(Guid.NewGuid(), now, code, "list-entry-R", 3, null, unit, "LE-R", now.AddYears(1)));

        Assert.That(await DisclosedEventuallyAsync(anyone, code, ids => ids.Contains("LE-R"), ct), Is.EqualTo(new[] { "LE-M", "LE-R" }));
    }

    /// <summary>Waits until ingestion's copy of the list entries has reached the given versions (nothing visible tells).</summary>
    private static async Task ConsumedAsync(string code, (string Id, long Version) first, (string Id, long Version) second, CancellationToken ct)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(RunningSystem.Databases["Ingestion"]);
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "select count(*) from disclosed_list_entries where subject_code = $1 and ((list_entry_id = $2 and source_version >= $3) or (list_entry_id = $4 and source_version >= $5))");
            foreach (var value in new object[] { code, first.Id, first.Version, second.Id, second.Version }) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
            if ((long)(await command.ExecuteScalarAsync(ct))! == 2) return;
            await Task.Delay(50, ct);
        }
    }

    private static Task<string[]> DisclosedEventuallyAsync(HttpClient client, string code, Func<string[], bool> done, CancellationToken ct) =>
        Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}", ct)).GetProperty("listEntries")
            .EnumerateArray().Select(e => e.GetProperty("listEntryId").GetString()!).ToArray(), done, $"the disclosed entries of {code}", Timeout.InfiniteTimeSpan, ct);
}
