using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.Exchange.ExchangeFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>国家下发名单 over the running system (DESIGN §4.10): the credit centre imports; entries are active, matched and pushed at once.</summary>
public sealed class NationalImportTests
{
    public static object Item(string nationalId, string code, string listType = ListTypes.SeriousDishonesty, string? validUntil = null) => new
    {
        nationalId, listType, subjectCode = code, subjectName = "国家名单测试有限公司", issuedBy = "国家发展和改革委员会", basis = "发改财金〔2026〕12号",
        validFrom = TodayInChina.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), validUntil,
    };

    [Test]
    [CancelAfter(60_000)]
    public async Task Imported_entries_are_active_at_once_matched_pushed_and_a_reimport_is_a_duplicate(CancellationToken ct)
    {
        // Given an approval system subscribed to the subject
        var code = TestCodes.CreditCode();
        var nationalId = $"NAT-{Guid.NewGuid():N}";
        await using var listener = await CallbackListener.StartedAsync();
        using var approver = Approver("APPROVAL-NATIONAL-01");
        await SubscribeAsync(approver, listener.Url, ["ListEntryActivated"], [code], ct: ct);
        var head = await HeadAsync(ct);

        // When the credit centre imports a national list with one good item and one bad one
        using var centre = Centre();
        var imported = await JsonAsync(await centre.PostAsJsonAsync("/api/v1/list-entries/imports",
            new { items = new[] { Item(nationalId, code), Item("", "9144030071526726XA", "Blacklist") } }, ct), HttpStatusCode.OK);

        // Then the good one is an Active entry at once, determined by the national body, and the bad one names its errors
        var results = imported.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "Imported", "Rejected" }));
        Assert.That(results[1].GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "nationalId", "subjectCode", "listType" }));
        var entryId = results[0].GetProperty("listEntryId").GetString()!;
        var entry = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries/{entryId}", ct);
        Assert.That((entry.GetProperty("status").GetString(), entry.GetProperty("determinedBy").GetString(), entry.GetProperty("nationalId").GetString()),
            Is.EqualTo(("Active", "国家发展和改革委员会", nationalId)));

        // And matching hits it like any black entry
        var match = await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match", new { subjectCode = code, matterCode = "GOV_PROCUREMENT" }),
            m => m.GetProperty("hits").GetArrayLength() == 1);
        Assert.That((match.GetProperty("decision").GetString(), match.GetProperty("hits")[0].GetProperty("determinedBy").GetString()),
            Is.EqualTo(("Prohibit", "国家发展和改革委员会")));

        // And the subscriber hears of it, while the national feed does not send the nation its own entry back
        var pushed = (await listener.UntilReceivedAsync(1, ct)).Single().Json.GetProperty("data");
        Assert.That((pushed.GetProperty("listEntryId").GetString(), pushed.GetProperty("nationalId").GetString()), Is.EqualTo((entryId, nationalId)));
        Assert.That((await ReadFeedAsync(National(), head, ct)).Where(i => i.GetProperty("sourceId").GetString() == entryId), Is.Empty);

        // And importing the same national id again is a Duplicate of the same entry
        var again = await JsonAsync(await centre.PostAsJsonAsync("/api/v1/list-entries/imports", new { items = new[] { Item(nationalId, code) } }, ct),
            HttpStatusCode.OK);
        Assert.That((again.GetProperty("results")[0].GetProperty("status").GetString(), again.GetProperty("results")[0].GetProperty("listEntryId").GetString()),
            Is.EqualTo(("Duplicate", entryId)));
    }

    [Test]
    public async Task More_than_1000_items_or_none_is_a_400_naming_items()
    {
        using var centre = Centre();
        var many = Enumerable.Range(0, 1001).Select(i => Item($"NAT-MANY-{i}", TestCodes.CreditCode())).ToArray();

        var tooMany = await centre.PostAsJsonAsync("/api/v1/list-entries/imports", new { items = many });
        var none = await centre.PostAsJsonAsync("/api/v1/list-entries/imports", new { items = Array.Empty<object>() });

        foreach (var response in new[] { tooMany, none })
        {
            var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty("items", out _), Is.True, problem.ToString());
        }
    }

    [Test]
    public async Task An_item_already_expired_or_from_the_future_is_rejected_and_stores_nothing()
    {
        using var centre = Centre();
        var expired = Item($"NAT-{Guid.NewGuid():N}", TestCodes.CreditCode(), validUntil: TodayInChina.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var future = new
        {
            nationalId = $"NAT-{Guid.NewGuid():N}", listType = "CourtDefaulter", subjectCode = TestCodes.CreditCode(), subjectName = "未来", issuedBy = "最高人民法院",
            basis = "（2026）最高法执1号", validFrom = TodayInChina.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        var answer = await JsonAsync(await centre.PostAsJsonAsync("/api/v1/list-entries/imports", new { items = new[] { expired, future } }), HttpStatusCode.OK);

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("Rejected"));
        Assert.That(results[0].GetProperty("errors").TryGetProperty("validUntil", out _), Is.True);
        Assert.That(results[1].GetProperty("errors").TryGetProperty("validFrom", out _), Is.True);
    }
}
