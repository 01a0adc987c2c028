using CreditMesh.Contracts.Vocabulary;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>The auditor's timeline and the credit centre's data-quality dashboard in the browser (DESIGN §4.2, §4.6).</summary>
public sealed class ConsoleAuditTests
{
    [Test]
    public async Task An_auditor_replays_a_subject_sees_integrity_and_moves_the_slider_back_to_before_its_penalty()
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "档案回放测试有限公司");
        var recordId = await ConsoleSeed.PenaltyAsync(code);
        await ConsoleSeed.ArchivedAsync(code, "SubjectRegistered", "CreditRecordAccepted");
        var page = await ConsoleBrowser.SignInAsync(Roles.Auditor);

        await page.Locator("#timeline-code").FillAsync(code);
        await page.Locator("#timeline-load").ClickAsync();

        await Expect(page.Locator("#integrity")).ToContainTextAsync("哈希链完整 Hash chains intact");
        await Expect(page.Locator("#state-records li")).ToHaveTextAsync(recordId);
        await Expect(page.Locator("tr.event[data-type='CreditRecordAccepted'] td").Last).ToContainTextAsync("完整 intact");
        await ConsoleBrowser.ScreenshotAsync(page, "auditor-timeline");

        // The event's detail, then the state as of that instant: registered, nothing disclosed yet.
        await page.Locator("tr.event[data-type='SubjectRegistered']").ClickAsync();
        await Expect(page.Locator("#event-detail")).ToContainTextAsync("SubjectRegistered");
        await page.Locator("#state-at-event").ClickAsync();
        await Expect(page.Locator("#state-records")).ToContainTextAsync("(0)");
        await Expect(page.Locator("tr.event[data-type='CreditRecordAccepted']")).ToHaveCountAsync(0);
        await Expect(page.Locator("tr.event[data-type='SubjectRegistered']")).ToHaveCountAsync(1);

        // Dragging the slider to its right end (now) brings the penalty back.
        var now = await page.Locator("#as-of").GetAttributeAsync("max");
        await page.Locator("#as-of").FillAsync(now!);
        await Expect(page.Locator("#state-records li")).ToHaveTextAsync(recordId);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_credit_centre_sees_each_units_quality_as_a_table_and_charts()
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "数据质量测试有限公司");
        await ConsoleSeed.PenaltyAsync(code);
        var page = await ConsoleBrowser.SignInAsync(Roles.CreditCenter);

        var row = page.Locator($"tr[data-unit='{ConsoleSeed.Unit}']");
        await Expect(row).ToBeVisibleAsync();
        // The example penalty was decided in May and reported now: late, so its unit's on-time rate is below 100 %.
        await Expect(row.Locator("td").Nth(5)).Not.ToHaveTextAsync("100%");
        await Expect(page.Locator("figure.chart-figure")).ToHaveCountAsync(3);
        await Expect(page.Locator("figure.chart-figure").First.Locator("rect.bar").First).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "credit-centre-quality");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task A_member_unit_sees_only_its_own_units_quality()
    {
        await ConsoleSeed.PenaltyAsync(TestCodes.CreditCode());
        using (var otherUnit = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000X9")))
            await otherUnit.PostAsync("/api/v1/records", System.Net.Http.Json.JsonContent.Create(RecordsTests.Penalty(TestCodes.CreditCode(), $"PEN-OTHER-{Guid.NewGuid():N}")));
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "数据质量 Data quality" }).ClickAsync();

        await Expect(page.Locator("#quality-unit")).ToBeDisabledAsync();
        await Expect(page.Locator("#quality-unit")).ToHaveValueAsync(ConsoleSeed.Unit);
        await Expect(page.Locator($"tr[data-unit='{ConsoleSeed.Unit}']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-unit]")).ToHaveCountAsync(1);
        await ConsoleBrowser.CloseAsync(page);
    }
}
