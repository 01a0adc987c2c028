using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.Exchange.ExchangeFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>报送/共享 and 停止共享 over the running system (DESIGN §4.10): what the national platform's client reads in the feed.</summary>
public sealed class ExchangeFeedTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_disclosed_penalty_appears_in_the_feed_with_national_codes(CancellationToken ct)
    {
        // Given the feed's head before a unit submits a General penalty
        var head = await HeadAsync(ct);
        var code = TestCodes.CreditCode();

        // When the penalty is accepted (and so disclosed)
        var recordId = await SubmitAsync(RecordsTests.Penalty(code, $"PEN-{Guid.NewGuid():N}"), ct);

        // Then the national client reads it after that head, as RecordDisclosed with the 双公示 codes
        var item = (await FeedOfAsync(recordId, head, i => i.Count == 1, ct)).Single();
        var payload = item.GetProperty("payload");
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("type").GetString(), Is.EqualTo("RecordDisclosed"));
            Assert.That(item.GetProperty("subjectCode").GetString(), Is.EqualTo(code));
            Assert.That(item.GetProperty("sequence").GetInt64(), Is.GreaterThan(head));
            Assert.That(item.TryGetProperty("reason", out _), Is.False);
            Assert.That(payload.GetProperty("CF_WSH").GetString(), Is.EqualTo("深市监罚〔2026〕123号"));
            Assert.That(payload.GetProperty("CF_CFLB").GetString(), Is.EqualTo("罚款"));
            Assert.That(payload.GetProperty("CF_SY").GetString(), Is.EqualTo("发布虚假广告"));
            Assert.That(payload.GetProperty("CF_YJ").GetString(), Is.EqualTo("《反不正当竞争法》第二十条"));
            Assert.That(payload.GetProperty("CF_NR").GetString(), Is.EqualTo("罚款5万元"));
            Assert.That(payload.GetProperty("CF_FKJE").GetDecimal(), Is.EqualTo(50000m));
            Assert.That(payload.GetProperty("CF_JDRQ").GetString(), Is.EqualTo("2026-05-10"));
            Assert.That(payload.GetProperty("CF_CFJG").GetString(), Is.EqualTo("深圳市市场监督管理局"));
            Assert.That(payload.GetProperty("CF_XDR_MC").GetString(), Is.EqualTo("腾讯科技（深圳）有限公司"));
            Assert.That(payload.GetProperty("CF_XDR_SHXYM").GetString(), Is.EqualTo(code));
            Assert.That(payload.GetProperty("CF_SJLYDM").GetString(), Is.EqualTo(UnitA));
        });

        // And the subject's archive records that it was shared
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        await UntilAsync(async () => (await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct)).GetProperty("events")
            .EnumerateArray().Any(e => e.GetProperty("summary").GetString()!.StartsWith("Shared with the national platform", StringComparison.Ordinal)), ct);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task After_an_approved_repair_the_feed_withdraws_the_record_as_repaired(CancellationToken ct)
    {
        // Given a disclosed General penalty decided four months ago, in the feed
        var head = await HeadAsync(ct);
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        await FeedOfAsync(recordId, head, i => i.Count == 1, ct);

        // When its repair is applied for, accepted and approved by the unit that owns it
        using var centre = Centre();
        var repairId = (await JsonAsync(await ApplyAsync(centre, code, recordId, ct), HttpStatusCode.Created)).GetProperty("repairId").GetString();
        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct), HttpStatusCode.OK);
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision", new { approved = true, decisionNumber = "深市监信修〔2026〕9号" }, ct),
            HttpStatusCode.OK);

        // Then sharing stops (停止共享): Withdrawn, reason Repaired, naming the decision the nation holds
        var items = await FeedOfAsync(recordId, head, i => i.Count == 2, ct);
        Assert.That(Types(items), Is.EqualTo("RecordDisclosed,Withdrawn:Repaired"));
        Assert.That(items[1].GetProperty("payload").GetProperty("CF_WSH").GetString(), Is.EqualTo("深市监罚〔2026〕123号"));
        Assert.That(items[1].GetProperty("payload").GetProperty("TZGX_YY").GetString(), Is.EqualTo("信用修复"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task After_revocation_the_feed_withdraws_the_record_and_the_entry_it_supported_as_revoked(CancellationToken ct)
    {
        // Given a court-defaulter record in the feed, and the list entry lists made from it
        var head = await HeadAsync(ct);
        var code = TestCodes.CreditCode();
        var recordId = await SubmitAsync(CourtRecord(code, $"CD-{Guid.NewGuid():N}"), ct);
        using var national = National();
        var entry = await Eventually.UntilAsync(async () => (await ReadFeedAsync(national, head, ct))
                .Where(i => i.GetProperty("subjectCode").GetString() == code && i.GetProperty("type").GetString() == "ListEntryActivated").ToList(),
            e => e.Count == 1, "the court entry in the feed", Timeout.InfiniteTimeSpan, ct);
        var md = entry[0].GetProperty("payload");
        Assert.That((md.GetProperty("MD_LX").GetString(), md.GetProperty("MD_LXDM").GetString(), md.GetProperty("MD_RDYJ").GetString(),
            md.GetProperty("MD_YXQZ").GetString(), md.GetProperty("MD_XDR_SHXYM").GetString()),
            Is.EqualTo(("失信被执行人名单", "CourtDefaulter", recordId, "2028-12-31", code)));

        // When the unit revokes the record
        using var clerk = Clerk();
        Assert.That((await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/revocation", new { reason = "执行依据被撤销" }, ct)).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));

        // Then both stop being shared, as Revoked
        Assert.That(Types(await FeedOfAsync(recordId, head, i => i.Count == 2, ct)), Is.EqualTo("RecordDisclosed,Withdrawn:Revoked"));
        var entryId = entry[0].GetProperty("sourceId").GetString()!;
        Assert.That(Types(await FeedOfAsync(entryId, head, i => i.Count == 2, ct)), Is.EqualTo("ListEntryActivated,Withdrawn:Revoked"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_upheld_objection_that_revokes_withdraws_the_record_as_objection_upheld(CancellationToken ct)
    {
        var head = await HeadAsync(ct);
        var code = TestCodes.CreditCode();
        var recordId = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-1), ct);
        using var subject = SubjectClient(code);
        var objectionId = (await JsonAsync(await ObjectionTests.ObjectAsync(subject, code, recordId, ct), HttpStatusCode.Created))
            .GetProperty("objectionId").GetString();

        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "Revoke", reason = "处罚对象认定错误" }, ct), HttpStatusCode.OK);

        Assert.That(Types(await FeedOfAsync(recordId, head, i => i.Count == 2, ct)), Is.EqualTo("RecordDisclosed,Withdrawn:ObjectionUpheld"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_entry_whose_validity_ends_is_withdrawn_as_expired_at_its_end_though_no_event_says_so(CancellationToken ct)
    {
        // Given an entry that lists activated (as lists publishes it) with two seconds of validity left
        var head = await HeadAsync(ct);
        var code = TestCodes.CreditCode();
        var entryId = Guid.NewGuid().ToString();
        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        await RunningSystem.PublishAsync(ct, new ListEntryActivated(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 1, null, null,
            entryId, ListTypes.KeyAttention, UnitA, DateTimeOffset.UtcNow, until, ["R-EXPIRING"]));

        // When its validity ends and nobody says so (no ListEntryRemoved is ever published)
        var items = await FeedOfAsync(entryId, head, i => i.Count == 2, ct);

        // Then the feed withdrew it as Expired, at the instant its validity ended
        Assert.That(Types(items), Is.EqualTo("ListEntryActivated,Withdrawn:Expired"));
        Assert.That(items[1].GetProperty("occurredAt").GetDateTimeOffset(), Is.EqualTo(until).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(items[1].GetProperty("sequence").GetInt64(), Is.GreaterThan(items[0].GetProperty("sequence").GetInt64()));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_feed_read_from_the_start_in_pages_is_every_sequence_once_in_order(CancellationToken ct)
    {
        await SubmitAsync(RecordsTests.Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}"), ct);
        await UntilAsync(async () => await HeadAsync(ct) > 0, ct);
        using var national = National();

        var small = await ReadFeedAsync(national, 0, ct, limit: 7);
        var head = small[^1].GetProperty("sequence").GetInt64();
        var large = (await ReadFeedAsync(national, 0, ct)).TakeWhile(i => i.GetProperty("sequence").GetInt64() <= head).ToList();
        var resumed = await ReadFeedAsync(national, head / 2, ct, limit: 5);

        Assert.That(small.Select(i => i.GetProperty("sequence").GetInt64()), Is.EqualTo(Enumerable.Range(1, (int)head).Select(i => (long)i)),
            "gap-free from 1, in order");
        Assert.That(large.Select(i => i.GetRawText()), Is.EqualTo(small.Select(i => i.GetRawText())), "the same items whatever the page size");
        Assert.That(resumed[0].GetProperty("sequence").GetInt64(), Is.EqualTo(head / 2 + 1), "resumed right after the cursor");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_receipt_acknowledges_up_to_a_sequence_status_shows_what_is_pending_and_the_items_stay(CancellationToken ct)
    {
        await SubmitAsync(RecordsTests.Penalty(TestCodes.CreditCode(), $"PEN-{Guid.NewGuid():N}"), ct);
        await UntilAsync(async () => await HeadAsync(ct) > 1, ct);
        const string unit = "NATIONAL-RECEIPTS";
        using var national = National(unit);
        var head = (await national.GetFromJsonAsync<JsonElement>("/api/v1/exchange/feed?limit=1", ct)).GetProperty("head").GetInt64();

        var acknowledged = await JsonAsync(await national.PostAsJsonAsync("/api/v1/exchange/receipts", new { upTo = head - 1 }, ct), HttpStatusCode.OK);
        var backwards = await JsonAsync(await national.PostAsJsonAsync("/api/v1/exchange/receipts", new { upTo = 1 }, ct), HttpStatusCode.OK);
        var beyond = await JsonAsync(await national.PostAsJsonAsync("/api/v1/exchange/receipts", new { upTo = head + 1_000_000 }, ct),
            HttpStatusCode.BadRequest);

        Assert.That(acknowledged.GetProperty("acknowledged").GetInt64(), Is.EqualTo(head - 1));
        Assert.That(backwards.GetProperty("acknowledged").GetInt64(), Is.EqualTo(head - 1), "a receipt never moves the position back");
        Assert.That(beyond.GetProperty("errors").TryGetProperty("upTo", out _), Is.True);
        using var centre = Centre();
        var status = await centre.GetFromJsonAsync<JsonElement>("/api/v1/exchange/status", ct);
        var client = status.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("unit").GetString() == unit);
        Assert.That(client.GetProperty("acknowledged").GetInt64(), Is.EqualTo(head - 1));
        Assert.That(status.GetProperty("head").GetInt64(), Is.GreaterThanOrEqualTo(head));
        Assert.That(status.GetProperty("pending").GetInt64(), Is.EqualTo(status.GetProperty("head").GetInt64() - status.GetProperty("acknowledged").GetInt64()));
        Assert.That((await ReadFeedAsync(national, 0, ct)).First().GetProperty("sequence").GetInt64(), Is.EqualTo(1), "acknowledged items stay in the feed");
    }

    [TestCase("after=-1", "after")]
    [TestCase("after=abc", "after")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    public async Task A_bad_cursor_or_page_size_is_a_400_naming_it(string query, string field)
    {
        using var national = National();

        var response = await national.GetAsync($"/api/v1/exchange/feed?{query}");

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_natural_persons_id_number_is_masked_for_the_national_client_and_shown_to_the_credit_centre(CancellationToken ct)
    {
        var head = await HeadAsync(ct);
        var person = TestCodes.IdNumber(new DateOnly(1980, 1, 1), Random.Shared.Next(1000));
        var record = RecordsTests.Penalty(person, $"PEN-{Guid.NewGuid():N}");
        record["subject"]!["kind"] = "NaturalPerson";
        record["subject"]!.AsObject().Remove("legalRepresentative");
        var recordId = await SubmitAsync(record, ct);

        var masked = (await FeedOfAsync(recordId, head, i => i.Count == 1, ct)).Single();
        using var centre = Centre();
        var shown = (await ReadFeedAsync(centre, head, ct)).Single(i => i.GetProperty("sourceId").GetString() == recordId);

        var hidden = person[..6] + "********" + person[^4..];
        Assert.That((masked.GetProperty("subjectCode").GetString(), masked.GetProperty("payload").GetProperty("CF_XDR_ZJHM").GetString()),
            Is.EqualTo((hidden, hidden)), "DESIGN §7: masked for everyone but auditors and the credit centre");
        Assert.That(masked.GetRawText(), Does.Not.Contain(person));
        Assert.That(shown.GetProperty("payload").GetProperty("CF_XDR_ZJHM").GetString(), Is.EqualTo(person));
    }
}
