using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using Microsoft.Playwright;
using static CreditMesh.FunctionalTests.Stack.EvaluationFixtures;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// The evaluation in the browser (DESIGN §4.7): the grade and its explanation on the auditor's timeline, the grade alone on the
/// public disclosure page, the credit centre's grade distribution, and a member unit's graded 双随机 draw.
/// </summary>
public sealed class ConsoleEvaluationTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task An_auditor_sees_the_grade_with_its_explanation_on_the_timeline_and_the_grade_as_of_an_earlier_evaluation(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "评价档案测试有限公司");
        await EvaluationAsync(code, Scored(800, "B"), ct);
        var recordId = await ConsoleSeed.PenaltyAsync(code);
        await EvaluationAsync(code, Scored(770, "B"), ct);
        await HistoryAsync(code, h => h.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "EvaluationChanged") == 2, ct);
        var page = await ConsoleBrowser.SignInAsync(Roles.Auditor);

        await page.GotoAsync($"{RunningSystem.Gateway.Address}/console/#/timeline?code={code}");

        await Expect(page.Locator("#evaluation-grade")).ToHaveTextAsync("B 良");
        await Expect(page.Locator("#evaluation-score")).ToHaveTextAsync("770");
        var general = page.Locator("#evaluation tr[data-indicator='GENERAL_PENALTIES']");
        await Expect(general).ToContainTextAsync("-30");
        await Expect(general.Locator($"li[data-basis='{recordId}']")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "auditor-timeline-evaluation");

        // The first EvaluationChanged: as of that instant the penalty was not counted yet
        await page.Locator("tr.event[data-type='EvaluationChanged']").First.ClickAsync();
        await page.Locator("#state-at-event").ClickAsync();
        await Expect(page.Locator("#evaluation-score")).ToHaveTextAsync("800");
        await Expect(page.Locator("#evaluation tr[data-indicator='GENERAL_PENALTIES']")).ToHaveCountAsync(0);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_public_disclosure_page_shows_a_companys_grade_alone_and_no_grade_for_a_person(CancellationToken ct)
    {
        var company = TestCodes.CreditCode();
        var person = TestCodes.IdNumber(new DateOnly(1982, 4, 4), Random.Shared.Next(1000));
        await ConsoleSeed.RegisterAsync(company, "公示评价测试有限公司");
        await ConsoleSeed.RegisterAsync(person, "王五", "NaturalPerson");
        await EvaluationAsync(company, Scored(800, "B"), ct);
        await EvaluationAsync(person, Scored(800, "B"), ct);

        var page = await ConsoleBrowser.OpenAsync($"#/search?q={company}");
        await Expect(page.Locator("#disclosed-grade")).ToHaveTextAsync("B 良");
        await Expect(page.Locator("#disclosure")).Not.ToContainTextAsync("800");
        await Expect(page.Locator("#evaluation-score, [data-indicator]")).ToHaveCountAsync(0);
        await ConsoleBrowser.ScreenshotAsync(page, "public-disclosure-grade");

        // A person's grade is not published: the page asks, is told there is none, and shows none
        var answer = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"{RunningSystem.Gateway.Address}/console/#/search?q={person}"),
            r => r.Url.EndsWith($"/api/v1/evaluations/{person}/grade", StringComparison.Ordinal));
        Assert.That(answer.Status, Is.EqualTo(404));
        await Expect(page.Locator("#disclosure")).ToBeVisibleAsync();
        await Expect(page.Locator("#disclosed-grade")).ToHaveCountAsync(0);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_credit_centre_sees_the_grade_distribution_as_a_chart_filtered_by_kind_and_region(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(code, "等级分布测试有限公司");
        await RunningSystem.PublishAsync(ct, MatchingTests.Activated(code, $"LE-{code}-G", "CourtDefaulter", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2)));
        await EvaluationAsync(code, e => e.GetProperty("grade").GetString() == "D", ct);
        using (var centre = CreditCentre())
            await Eventually.UntilAsync(async () => (await GetAsync(centre, "/api/v1/evaluations/statistics?kind=LegalPerson&region=440300", ct))
                .Body.GetProperty("byGrade").GetProperty("D").GetInt64() > 0, "the company's D in the statistics", ct: ct);
        var page = await ConsoleBrowser.SignInAsync(Roles.CreditCenter);

        await page.GetByRole(AriaRole.Link, new() { Name = "信用评价 Grades" }).ClickAsync();
        await page.Locator("#grades-kind").SelectOptionAsync("LegalPerson");
        await page.Locator("#grades-region").FillAsync("440300");
        await page.Locator("#grades-load").ClickAsync();

        await Expect(page.Locator("figure.chart-figure rect.bar")).ToHaveCountAsync(4);
        await Expect(page.Locator("tr[data-grade-row='D'] td").Nth(1)).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("tr[data-grade-row='D'] td").Nth(3)).ToHaveTextAsync("× 3");
        await ConsoleBrowser.ScreenshotAsync(page, "credit-centre-grades");

        // A region nobody is in: every grade counts zero
        await page.Locator("#grades-region").FillAsync("650100");
        await page.Locator("#grades-load").ClickAsync();
        await Expect(page.Locator("#grades-body h2")).ToContainTextAsync("共 0 个主体");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_member_unit_pastes_codes_draws_twice_with_one_seed_gets_the_same_subjects_and_downloads_the_draw(CancellationToken ct)
    {
        var (graded, listed) = await GradedCompaniesAsync(10, 2, ct);
        var page = await ConsoleBrowser.SignInAsync(Roles.MemberUnit);
        await page.GetByRole(AriaRole.Link, new() { Name = "双随机抽查 Sampling" }).ClickAsync();

        await page.Locator("#sampling-codes").FillAsync(string.Join("\n", [.. graded, .. listed]));
        await page.Locator("#sampling-ratio").FillAsync("0.2");
        await page.Locator("#sampling-seed").FillAsync("控制台-2026Q4");
        await page.Locator("#sampling-purpose").FillAsync("2026年第四季度双随机抽查");
        await page.Locator("#sampling-draw").ClickAsync();

        // B: 10 × 0.2 = 2; D: 2 × 0.2 × 3 = 1.2 → 2
        await Expect(page.Locator("tr[data-count='B'] td").Nth(3)).ToHaveTextAsync("2");
        await Expect(page.Locator("tr[data-count='D'] td").Nth(3)).ToHaveTextAsync("2");
        await Expect(page.Locator("tr[data-selected]")).ToHaveCountAsync(4);
        var firstId = await page.Locator("#sampling-draw-result").GetAttributeAsync("data-sampling");
        var first = await SelectedAsync(page);
        Assert.That(first.Intersect(listed), Is.EquivalentTo(listed));
        await ConsoleBrowser.ScreenshotAsync(page, "member-unit-sampling");

        // The same codes, ratio and seed again: another stored draw, the same subjects
        await page.Locator("#sampling-draw").ClickAsync();
        await Expect(page.Locator("#sampling-draw-result")).Not.ToHaveAttributeAsync("data-sampling", firstId!);
        Assert.That(await SelectedAsync(page), Is.EqualTo(first));

        // The download is the draw as the API gave it
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#sampling-download").ClickAsync());
        var path = await download.PathAsync();
        var saved = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path, ct)).RootElement;
        Assert.That(saved.GetProperty("selected").EnumerateArray().Select(s => s.GetProperty("subjectCode").GetString()), Is.EqualTo(first));
        Assert.That(saved.GetProperty("seed").GetString(), Is.EqualTo("控制台-2026Q4"));

        // A ratio outside (0, 1] is refused, naming the field
        await page.Locator("#sampling-ratio").FillAsync("1.5");
        await page.Locator("#sampling-draw").ClickAsync();
        await Expect(page.Locator("#sampling-result .problem")).ToContainTextAsync("baseRatio");
        await ConsoleBrowser.CloseAsync(page);
    }

    private static async Task<string[]> SelectedAsync(IPage page) =>
        [.. await page.Locator("tr[data-selected]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.selected)")];
}
