using CreditMesh.Contracts.Vocabulary;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// The console pages over lists, repair and matching, against the real services (DESIGN §5, §5.1 are their contract).
/// </summary>
public sealed class ConsoleMergedPagesTests
{
    private const string Approver = "APPROVAL-SZ-CONSOLE";

    [Test]
    public async Task A_member_unit_withdraws_a_list_entry_of_its_field()
    {
        var (code, recordId) = await PenalisedSubjectAsync();
        using var clerk = ConsoleSeed.Clerk();
        using var proposing = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // lists learns of the record from ingestion's event
        var entryId = (await ListsTests.ProposeWhenKnownAsync(clerk, ListsTests.Proposal(code, recordId), proposing.Token))
            .GetProperty("listEntryId").GetString();
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit);

        await page.GotoAsync($"{RunningSystem.Gateway.Address}/console/#/lists?subjectCode={code}");
        var row = page.Locator($"tr[data-entry='{entryId}']");
        await Expect(row).ToContainTextAsync("重点关注名单");
        await ConsoleBrowser.ScreenshotAsync(page, "member-unit-lists");
        await row.Locator("input.reason").FillAsync("认定有误");
        await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "撤销 Withdraw" }).ClickAsync();

        await Expect(page.Locator($"tr[data-entry='{entryId}']")).ToContainTextAsync("Removed");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_owning_unit_accepts_and_approves_a_repair_and_rejects_an_objection_from_the_queue()
    {
        var (code, recordId) = await PenalisedSubjectAsync();
        using var subject = RunningSystem.Client(DevTokens.For(Roles.Subject, subject: code));
        var applied = await subject.PostAsJsonAsync("/api/v1/repairs", new
        {
            subjectCode = code, target = new { kind = "Record", id = recordId }, commitment = "本企业承诺守法经营",
            evidence = new[] { new { type = "FinePaid", description = "罚款已缴清", reference = "缴款书 2026-001" } },
        });
        Assert.That(applied.IsSuccessStatusCode, Is.True, await applied.Content.ReadAsStringAsync());
        var repairId = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repairId").GetString();
        var (other, otherRecord) = await PenalisedSubjectAsync();
        using var objector = RunningSystem.Client(DevTokens.For(Roles.Subject, subject: other));
        // Repair learns of the record from ingestion's event: object once it has (up to 15 s).
        var opened = await objector.PostAsJsonAsync("/api/v1/objections", new { subjectCode = other, target = new { kind = "Record", id = otherRecord }, grounds = "处罚对象错误" });
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !opened.IsSuccessStatusCode && DateTime.UtcNow < deadline
             && (await opened.Content.ReadAsStringAsync()).Contains("is known", StringComparison.Ordinal);)
        {
            await Task.Delay(50);
            opened = await objector.PostAsJsonAsync("/api/v1/objections", new { subjectCode = other, target = new { kind = "Record", id = otherRecord }, grounds = "处罚对象错误" });
        }
        Assert.That(opened.IsSuccessStatusCode, Is.True, await opened.Content.ReadAsStringAsync());
        var objectionId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionId").GetString();
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit);

        var repair = page.Locator($"tr[data-repair='{repairId}']");
        await repair.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "受理 Accept" }).ClickAsync();
        await Expect(repair).ToContainTextAsync("已受理 Accepted");
        await ConsoleBrowser.ScreenshotAsync(page, "member-unit-queue");
        await repair.Locator("input.reason").FillAsync("深市监修〔2026〕1号");
        await repair.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "准予修复 Approve" }).ClickAsync();
        await Expect(page.Locator($"tr[data-repair='{repairId}']")).ToContainTextAsync("准予修复 Approved");

        // The approval re-renders the queue; a reason typed into the old rows would be lost, so start from a fresh page.
        await page.ReloadAsync();
        var objection = page.Locator($"tr[data-objection='{objectionId}']");
        await Expect(objection).ToContainTextAsync("处理中 Open");
        await objection.Locator("input.reason").FillAsync("处罚对象无误");
        await Expect(objection.Locator("input.reason")).ToHaveValueAsync("处罚对象无误");
        await objection.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "异议不成立 Reject" }).ClickAsync();
        await Expect(page.Locator($"tr[data-objection='{objectionId}']")).Not.ToContainTextAsync("处理中 Open");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_credit_centre_sees_match_statistics_per_unit_and_list()
    {
        var code = await CourtDefaulterAsync();
        using var approver = RunningSystem.Client(DevTokens.For(Roles.Approver, unit: Approver, user: "console-approver"));
        var match = await approver.PostAsJsonAsync("/api/v1/match", new { subjectCode = code, matterCode = "HIGH_CONSUMPTION" });
        Assert.That(match.IsSuccessStatusCode, Is.True, await match.Content.ReadAsStringAsync());
        var page = await ConsoleBrowser.SignInAsync(Roles.CreditCenter);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "联合奖惩 Matching" }).ClickAsync();

        await Expect(page.Locator($"tr[data-unit='{Approver}']")).ToBeVisibleAsync();
        await Expect(page.Locator("figure.chart-figure")).ToHaveCountAsync(3);
        await ConsoleBrowser.ScreenshotAsync(page, "credit-centre-matching");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task An_auditor_re_runs_a_match_before_and_after_the_subject_became_a_court_defaulter()
    {
        var code = await CourtDefaulterAsync();
        await ConsoleSeed.ArchivedAsync(code, "SubjectRegistered", "ListEntryActivated");
        var page = await ConsoleBrowser.SignInAsync(Roles.Auditor);
        await page.Locator("#timeline-code").FillAsync(code);
        await page.Locator("#timeline-load").ClickAsync();

        await page.Locator("#rerun-matter").SelectOptionAsync("HIGH_CONSUMPTION");
        await page.Locator("#rerun-button").ClickAsync();
        await Expect(page.Locator("#match-decision")).Not.ToContainTextAsync("Clear");
        await ConsoleBrowser.ScreenshotAsync(page, "auditor-rerun-match");

        await page.Locator("tr.event[data-type='SubjectRegistered']").ClickAsync();
        await page.Locator("#state-at-event").ClickAsync();
        await Expect(page.Locator("#state-entries")).ToContainTextAsync("(0)");
        await page.Locator("#rerun-button").ClickAsync();
        await Expect(page.Locator("#match-decision")).ToContainTextAsync("Clear");
        await ConsoleBrowser.CloseAsync(page);
    }

    private static async Task<(string Code, string RecordId)> PenalisedSubjectAsync()
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "修复名单测试有限公司");
        var recordId = await ConsoleSeed.PenaltyAsync(code);
        // Repair learns of records only from ingestion's events: an application before that is rejected as an unknown target.
        await using var repair = Npgsql.NpgsqlDataSource.Create(RunningSystem.Databases["Repair"]);
        await ConsoleSeed.UntilAsync(async () =>
        {
            await using var command = repair.CreateCommand("select count(*) from repair_targets where target_id = $1");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordId });
            return (long)(await command.ExecuteScalarAsync())! == 1;
        }, "the repair service knows the record");
        return (code, recordId);
    }

    /// <summary>A court's 失信被执行人 record: the lists service activates its entry at once (DESIGN §4.3).</summary>
    private static async Task<string> CourtDefaulterAsync()
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "失信被执行测试有限公司");
        var record = RecordsTests.Penalty(code, $"CD-CONSOLE-{Guid.NewGuid():N}");
        foreach (var key in new[] { "severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent", "fineAmount", "confiscatedAmount" })
            record.Remove(key);
        record["category"] = "CourtDefaulter";
        record["facts"] = "未履行生效判决确定的给付义务";
        record["decisionNumber"] = "(2026)粤0305执123号";
        using var clerk = ConsoleSeed.Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/records", record);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        await ConsoleSeed.UntilAsync(async () =>
        {
            using var anonymous = RunningSystem.Client();
            var disclosure = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}");
            return disclosure.GetProperty("listEntries").GetArrayLength() > 0;
        }, "the court defaulter entry to be active");
        return code;
    }
}
