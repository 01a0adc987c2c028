using System.Net.Http.Json;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using Microsoft.Playwright;
using static CreditMesh.FunctionalTests.Stack.ReportFixtures;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// A subject's pages (DESIGN §4.8, §4.9) in Chromium against the running system: its notices, records, entries and who matched it;
/// an objection raised from the notice; a report generated and its PDF downloaded; and anyone verifying that report.
/// Each test signs in with a pasted token for a subject of its own, so no other test's data shows.
/// </summary>
public sealed class ConsoleSubjectPagesTests
{
    private static async Task<IPage> SignInAsSubjectAsync(string code)
    {
        var page = await ConsoleBrowser.OpenAsync("#/login");
        await page.Locator("#token").FillAsync(DevTokens.For(Roles.Subject, subject: code, user: "console-enterprise"));
        await page.Locator("#use-token").ClickAsync();
        await Expect(page.Locator("#session .who[data-role='subject']")).ToContainTextAsync(code);
        return page;
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_subject_sees_its_notice_records_entries_and_who_matched_it_and_objects_from_the_notice(CancellationToken ct)
    {
        // Given a serious penalty (proposed entry and notice), an undisclosed minor one, and a match by an approval system
        var code = TestCodes.CreditCode();
        var serious = Id(await SubmitAsync(code, ct, RepairFixtures.TodayInChina.AddMonths(-1), severity: "Serious"));
        var minor = Id(await SubmitAsync(code, ct, RepairFixtures.TodayInChina.AddDays(-3), severity: "Minor"));
        using var subjectApi = RepairFixtures.SubjectClient(code);
        var notice = (await NoticeTests.NoticesAsync(subjectApi, code, n => n.Count == 1, ct))[0];
        var unit = "APPROVAL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var approver = MatchingTests.Approver(unit);
        Assert.That((await MatchingTests.PostAsync(approver, "/api/v1/match", new { subjectCode = code, matterCode = "PUBLIC_BIDDING" })).Status,
            Is.EqualTo(System.Net.HttpStatusCode.OK));
        await ArchivedAsync(code, ct, ("MatchPerformed", ""));

        // When the subject signs in, it lands on its own page
        var page = await SignInAsSubjectAsync(code);
        await Expect(page.Locator("#menu a.active")).ToContainTextAsync("我的信用");

        // Then it sees the notice with its deadline, both records (the minor one undisclosed), the proposed entry and the match
        var noticeRow = page.Locator($"#mine-notices tr[data-notice='{notice.GetProperty("noticeId").GetString()}']");
        await Expect(noticeRow).ToContainTextAsync("异议期内 Open");
        await Expect(noticeRow).ToContainTextAsync(serious);
        await Expect(noticeRow).ToContainTextAsync("国办发〔2020〕49号");
        await Expect(page.Locator($"#mine-records tr[data-record='{minor}']")).ToContainTextAsync("未公示 Not disclosed");
        await Expect(page.Locator($"#mine-records tr[data-record='{serious}']")).ToContainTextAsync("严重 Serious");
        await Expect(page.Locator($"#mine-entries tr[data-entry='{notice.GetProperty("listEntryId").GetString()}']")).ToContainTextAsync("拟列入 Proposed");
        await Expect(page.Locator("#mine-queries")).ToContainTextAsync(unit);
        await Expect(page.Locator("#mine-queries")).ToContainTextAsync("招标投标");
        await ConsoleBrowser.ScreenshotAsync(page, "subject-my-credit");

        // And when it objects from the notice, the notice shows the objection once lists has heard of it
        await noticeRow.Locator("input.grounds").FillAsync("处罚决定正在行政复议");
        await noticeRow.GetByRole(AriaRole.Button, new() { Name = "提出异议 Object" }).ClickAsync();
        await Expect(page.Locator($"#mine-notices tr[data-notice='{notice.GetProperty("noticeId").GetString()}']"))
            .ToContainTextAsync("已提出异议 Objected", new() { Timeout = 30_000 });
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_subject_generates_a_report_downloads_its_PDF_and_anyone_verifies_it_by_number_and_code(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var recordId = Id(await SubmitAsync(code, ct, RepairFixtures.TodayInChina.AddMonths(-1), content: "罚款3万元，责令改正"));
        await ArchivedAsync(code, ct, ("SubjectRegistered", ""), ("CreditRecordAccepted", recordId));
        var page = await SignInAsSubjectAsync(code);
        await page.GetByRole(AriaRole.Link, new() { Name = "信用报告 Credit report" }).ClickAsync();

        await Expect(page.Locator("#report-subject")).ToHaveValueAsync(code);
        await page.Locator("#report-purpose").SelectOptionAsync("Bidding");
        await page.Locator("#report-generate").ClickAsync();

        await Expect(page.Locator("#report-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^CMR-[0-9]{8}-[0-9]{6}$"));
        await Expect(page.Locator($"#report-contents tr[data-record='{recordId}']")).ToContainTextAsync("罚款3万元");
        // The evaluation service has graded the subject by now, or the report says it is not evaluated yet.
        await Expect(page.Locator("#report-evaluation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^([ABCD] \(\d+\)|未评价)"));
        var number = await page.Locator("#report-number").TextContentAsync();
        var verification = await page.Locator("#report-code").TextContentAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "subject-report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#report-pdf").ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo($"{number}.pdf"));
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!, ct);
        var text = await PdfTextAsync(pdf);
        Assert.That(text, Does.Contain("腾讯科技（深圳）有限公司").And.Contain(number!).And.Contain(verification!).And.Contain("招标投标"));
        await PdfPageScreenshotAsync(pdf, "subject-report-pdf");

        // The link on the report opens the public check, which finds it genuine
        await page.GetByRole(AriaRole.Link, new() { Name = "核验此报告 Verify it" }).ClickAsync();
        await Expect(page.Locator("#verify-result [data-valid='true']")).ToBeVisibleAsync();
        await Expect(page.Locator("#verify-subject")).ToContainTextAsync($"腾讯科技（深圳）有限公司 · {code}");
        await ConsoleBrowser.CloseAsync(page);

        // And someone without an account checking a wrong code is told it is not genuine, and nothing of the subject
        var anonymous = await ConsoleBrowser.OpenAsync();
        await anonymous.GetByRole(AriaRole.Link, new() { Name = "报告核验 Verify a report" }).ClickAsync();
        await anonymous.Locator("#verify-number").FillAsync(number!);
        await anonymous.Locator("#verify-code").FillAsync("AAAA-BBBB-CCCC-DDDD");
        await anonymous.Locator("#verify-button").ClickAsync();
        await Expect(anonymous.Locator("#verify-result [data-valid='false']")).ToContainTextAsync("未通过核验");
        await Expect(anonymous.Locator("#verify-result")).Not.ToContainTextAsync("腾讯");
        await anonymous.Locator("#verify-code").FillAsync(verification!);
        await anonymous.Locator("#verify-button").ClickAsync();
        await Expect(anonymous.Locator("#verify-result [data-valid='true']")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(anonymous, "public-verify-report");
        await ConsoleBrowser.CloseAsync(anonymous);
    }

    /// <summary>When infra/screenshots.sh runs, the PDF's second page (the first with tables) as docs/screenshots/NAME.png (pdftoppm).</summary>
    private static async Task PdfPageScreenshotAsync(byte[] pdf, string name)
    {
        if (Environment.GetEnvironmentVariable("CREDITMESH_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(Path.GetTempPath(), $"creditmesh-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            await ProcessRunner.RunAsync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "2", file, Path.Combine(folder, name)], TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
