using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// The pages over lists, repair and matching, in the browser, with those routes answered per the DESIGN §5.1
/// contract (<see cref="ContractStub"/>): what the page shows from a contract-shaped answer and what it sends.
/// </summary>
public sealed class ConsoleContractPagesTests
{
    private const string Unit = ConsoleSeed.Unit;

    private static object Entry(string id, string status, string determinedBy = Unit) => new
    {
        listEntryId = id, listType = "KeyAttention", subjectCode = "91440300MA5G00001X", status, removalReason = status == "Removed" ? "Withdrawn" : null,
        determinedBy, basisRecordIds = new[] { "rec-1", "rec-2", "rec-3" }, validFrom = "2026-10-01T09:00:00+08:00",
        validUntil = "2027-10-01T09:00:00+08:00", version = 1,
    };

    [Test]
    public async Task A_member_unit_withdraws_an_entry_it_determined_with_a_reason()
    {
        var status = "Active";
        var api = new ContractStub()
            .On("GET", "^/api/v1/list-entries", _ => new { items = new[] { Entry("le-1", status), Entry("le-2", "Active", determinedBy: "11440300MA5F0000X9") } })
            .On("POST", "^/api/v1/list-entries/le-1/removal", _ => { status = "Removed"; return Entry("le-1", "Removed"); });
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit, api.RouteAsync);
        await page.GetByRole(AriaRole.Link, new() { Name = "名单 List entries" }).ClickAsync();

        var row = page.Locator("tr[data-entry='le-1']");
        await Expect(row).ToContainTextAsync("重点关注名单 KeyAttention");
        await Expect(page.Locator("tr[data-entry='le-2']")).ToHaveCountAsync(0);
        await row.Locator("input.reason").FillAsync("认定依据已撤销");
        await row.GetByRole(AriaRole.Button, new() { Name = "撤销 Withdraw" }).ClickAsync();

        await Expect(page.Locator("tr[data-entry='le-1']")).ToContainTextAsync("已移出 Removed");
        Assert.That(api.BodiesSentTo("POST", "removal").Single()!.Value.GetProperty("reason").GetString(), Is.EqualTo("认定依据已撤销"));

        // Another unit's entry shows when asked for, without a withdraw action.
        await page.Locator("#lists-others").CheckAsync();
        await page.Locator("#lists-load").ClickAsync();
        await Expect(page.Locator("tr[data-entry='le-2']")).ToContainTextAsync("11440300MA5F0000X9");
        await Expect(page.Locator("tr[data-entry='le-2'] button")).ToHaveCountAsync(0);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_queue_flags_overdue_cases_and_sends_acceptance_approval_and_resolution()
    {
        var repairs = new Dictionary<string, string> { ["rp-new"] = "Submitted", ["rp-late"] = "Accepted" };
        var objection = "Open";
        object Repair(string id) => new
        {
            repairId = id, subjectCode = "91440300MA5G00001X", target = new { kind = "Record", id = "rec-" + id }, status = repairs[id],
            decisionDue = "2026-11-20T18:00:00+08:00", feedbackDue = "2026-11-27T18:00:00+08:00", overdue = id == "rp-late",
        };
        var api = new ContractStub()
            .On("GET", "^/api/v1/repairs", _ => new { items = repairs.Keys.Select(Repair).ToList() })
            .On("POST", "^/api/v1/repairs/rp-new/acceptance", _ => { repairs["rp-new"] = "Accepted"; return new { status = "Accepted" }; })
            .On("POST", "^/api/v1/repairs/rp-late/decision", _ => { repairs["rp-late"] = "Approved"; return new { status = "Approved" }; })
            .On("GET", "^/api/v1/objections", _ => new { items = new[] { new
            {
                objectionId = "ob-1", subjectCode = "91440300MA5G00002X", target = new { kind = "Record", id = "rec-9" }, grounds = "处罚对象错误",
                status = objection, decisionDue = "2026-11-28T18:00:00+08:00", overdue = false,
            } } })
            .On("POST", "^/api/v1/objections/ob-1/resolution", _ => { objection = "Resolved"; return new { status = "Resolved" }; });
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit, api.RouteAsync);

        await Expect(page.Locator("tr[data-repair='rp-late'].overdue")).ToContainTextAsync("逾期 Overdue");
        await Expect(page.Locator("tr[data-repair='rp-new']")).Not.ToContainTextAsync("逾期");
        await page.Locator("tr[data-repair='rp-new']").GetByRole(AriaRole.Button, new() { Name = "受理 Accept" }).ClickAsync();
        await Expect(page.Locator("tr[data-repair='rp-new']")).ToContainTextAsync("已受理 Accepted");
        await page.Locator("tr[data-repair='rp-late'] input.reason").FillAsync("深市监修〔2026〕7号");
        await page.Locator("tr[data-repair='rp-late']").GetByRole(AriaRole.Button, new() { Name = "准予修复 Approve" }).ClickAsync();
        await Expect(page.Locator("tr[data-repair='rp-late']")).ToContainTextAsync("准予修复 Approved");
        await page.Locator("tr[data-objection='ob-1'] input.reason").FillAsync("处罚对象无误");
        await page.Locator("tr[data-objection='ob-1']").GetByRole(AriaRole.Button, new() { Name = "异议不成立 Reject" }).ClickAsync();
        await Expect(page.Locator("tr[data-objection='ob-1']")).ToContainTextAsync("已办结 Resolved");

        var decision = api.BodiesSentTo("POST", "rp-late/decision").Single()!.Value;
        Assert.That((decision.GetProperty("approved").GetBoolean(), decision.GetProperty("decisionNumber").GetString()), Is.EqualTo((true, "深市监修〔2026〕7号")));
        var resolution = api.BodiesSentTo("POST", "ob-1/resolution").Single()!.Value;
        Assert.That((resolution.GetProperty("upheld").GetBoolean(), resolution.GetProperty("action").GetString(), resolution.GetProperty("reason").GetString()),
            Is.EqualTo((false, "None", "处罚对象无误")));
        Assert.That(api.Sent.Where(s => s.Method == "GET" && s.Path.StartsWith("/api/v1/repairs")).Select(s => s.Path),
            Has.All.Contains($"unit={Unit}"), "a member unit's queue is asked for its own unit");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_credit_centre_sees_matches_hits_and_feedback_completion_per_unit_and_list()
    {
        // The shape matching answers (StatisticsApi): rows per asking unit and per list, keyed by "key".
        var api = new ContractStub().On("GET", "^/api/v1/match/statistics", new
        {
            matches = 210, matchesWithHits = 17, hits = 17, feedbackReceived = 11,
            units = new object[]
            {
                new { key = "APPROVAL-GZ-02", matches = 60, matchesWithHits = 5, hits = 5, feedbackReceived = 1, feedbackCompletion = 0.2 },
                new { key = "APPROVAL-SZ-01", matches = 150, matchesWithHits = 12, hits = 12, feedbackReceived = 10, feedbackCompletion = 0.8333 },
            },
            lists = new object[]
            {
                new { key = "CourtDefaulter", matches = 4, matchesWithHits = 4, hits = 4, feedbackReceived = 4, feedbackCompletion = 1.0 },
                new { key = "RedList", matches = 5, matchesWithHits = 5, hits = 5, feedbackReceived = 1, feedbackCompletion = 0.2 },
                new { key = "SeriousDishonesty", matches = 8, matchesWithHits = 8, hits = 8, feedbackReceived = 6, feedbackCompletion = 0.75 },
            },
        });
        var page = await ConsoleBrowser.SignInAsync(Roles.CreditCenter, api.RouteAsync);
        await page.GetByRole(AriaRole.Link, new() { Name = "联合奖惩 Matching" }).ClickAsync();

        var shenzhen = page.Locator("tr[data-unit='APPROVAL-SZ-01'] td");
        await Expect(shenzhen).ToHaveTextAsync(["APPROVAL-SZ-01", "150", "12", "10", "83.3%"]);
        await Expect(page.Locator("tr[data-list='RedList'] td")).ToHaveTextAsync(["红名单 RedList", "5", "1"]);
        await Expect(page.Locator("figure.chart-figure")).ToHaveCountAsync(3);
        await Expect(page.Locator("figure.chart-figure rect.bar")).Not.ToHaveCountAsync(0);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task An_auditor_re_runs_a_match_as_of_the_instant_of_the_chosen_event()
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "比对复核测试有限公司");
        await ConsoleSeed.ArchivedAsync(code, "SubjectRegistered");
        var api = new ContractStub().On("POST", "^/api/v1/match$", body => new
        {
            matchId = "m-1", subjectCode = code, matterCode = body!.Value.GetProperty("matterCode").GetString(), decision = "Restrict",
            hits = new[] { new
            {
                listEntryId = "le-9", listType = "CourtDefaulter", determinedBy = "深圳市南山区人民法院", validUntil = "2027-05-01T00:00:00+08:00",
                measures = new[] { new { code = "M-HC-01", name = "限制高消费", kind = "Punishment", strength = "Restrict", legalBasis = "最高人民法院关于限制被执行人高消费的若干规定 第三条" } },
            } },
            suppressed = Array.Empty<object>(), evaluatedAt = body.Value.GetProperty("asOf").GetString(), catalogVersion = 3,
        });
        var page = await ConsoleBrowser.SignInAsync(Roles.Auditor, api.RouteAsync);
        await page.Locator("#timeline-code").FillAsync(code);
        await page.Locator("#timeline-load").ClickAsync();
        await page.Locator("tr.event[data-type='SubjectRegistered']").ClickAsync();
        await page.Locator("#state-at-event").ClickAsync();
        await Expect(page.Locator("tr.event[data-type='SubjectRegistered']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#as-of-label")).Not.ToContainTextAsync("Loading");

        await page.Locator("#rerun-matter").SelectOptionAsync("HIGH_CONSUMPTION");
        await page.Locator("#rerun-button").ClickAsync();

        await Expect(page.Locator("#match-decision")).ToHaveTextAsync("限制 Restrict");
        await Expect(page.Locator("#rerun-result")).ToContainTextAsync("限制高消费（Restrict）");
        var sent = api.BodiesSentTo("POST", "^/api/v1/match$").Single()!.Value;
        Assert.That((sent.GetProperty("subjectCode").GetString(), sent.GetProperty("matterCode").GetString(), sent.GetProperty("asOf").GetDateTimeOffset()),
            Is.EqualTo((code, "HIGH_CONSUMPTION", await RegisteredAtAsync(code))), "the match is re-run as of the registration, to the microsecond");
        await ConsoleBrowser.CloseAsync(page);
    }

    private static async Task<DateTimeOffset> RegisteredAtAsync(string code)
    {
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var history = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(auditor, $"/api/v1/subjects/{code}/history");
        return history.GetProperty("events").EnumerateArray().First(e => e.GetProperty("type").GetString() == "SubjectRegistered").GetProperty("at").GetDateTimeOffset();
    }
}
