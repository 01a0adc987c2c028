using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>The web console in headless Chromium against the running system: each role signs in and uses its pages (ADR 0010).</summary>
public sealed class ConsolePagesTests
{
    [Test]
    public async Task The_gateway_serves_the_console_with_a_policy_that_allows_only_its_own_scripts()
    {
        using var anonymous = RunningSystem.Client();
        var root = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new(RunningSystem.Gateway.Address) }.GetAsync("/");
        var index = await anonymous.GetAsync("/console/");
        var api = await anonymous.GetAsync("/api/v1/disclosures?code=9144030071526726XG");

        Assert.That((root.StatusCode, root.Headers.Location?.ToString()), Is.EqualTo((HttpStatusCode.Redirect, "/console/")));
        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(index.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Not.Contain("unsafe"));
        Assert.That(index.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(api.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"), "the API keeps its strict policy");
    }

    [TestCase(Roles.Auditor, "#/timeline", "信用档案")]
    [TestCase(Roles.CreditCenter, "#/quality", "数据质量")]
    [TestCase(Roles.MemberUnit, "#/queue", "修复与异议")]
    [TestCase(Roles.Public, "#/search", "信用公示")]
    [TestCase(Roles.Subject, "#/mine", "我的信用")]
    [TestCase(Roles.Approver, "#/subscriptions", "信息推送")]
    public async Task Picking_a_development_role_signs_in_and_shows_that_roles_pages(string role, string landing, string menuItem)
    {
        var page = await ConsoleBrowser.SignInAsync(role);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(landing.Replace("/", "\\/") + "$"));
        await Expect(page.Locator("#menu a.active")).ToContainTextAsync(menuItem);
        if (role == Roles.MemberUnit) await Expect(page.Locator("#session .who")).ToContainTextAsync(ConsoleSeed.Unit);
        if (role == Roles.Public) await Expect(page.Locator("#menu a")).ToHaveCountAsync(2); // disclosures and report verification
        if (role == Roles.Approver) await Expect(page.Locator("#menu a")).ToHaveCountAsync(3); // disclosures, report verification and its push subscriptions
        if (role == Roles.Subject) await Expect(page.Locator("#menu a")).ToHaveCountAsync(5);
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task A_pasted_token_signs_in_and_signing_out_returns_to_the_login()
    {
        var page = await ConsoleBrowser.OpenAsync("#/login");
        await Expect(page.Locator("button.role")).ToHaveCountAsync(6);
        await ConsoleBrowser.ScreenshotAsync(page, "login");
        await page.Locator("#token").FillAsync(DevTokens.For(Roles.Auditor, user: "pasted-auditor"));
        await page.Locator("#use-token").ClickAsync();
        await Expect(page.Locator("#session .who[data-role='auditor']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "退出 Sign out" }).ClickAsync();

        await Expect(page.Locator("button.role")).ToHaveCountAsync(6);
        await Expect(page.Locator("#session a")).ToHaveTextAsync("登录 Sign in");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    public async Task The_public_finds_a_company_by_name_and_sees_its_disclosed_penalty_marked_under_objection()
    {
        var code = TestCodes.CreditCode();
        var name = $"公示查询测试{code[^6..]}科技有限公司";
        await ConsoleSeed.RegisterAsync(code, name);
        var recordId = await ConsoleSeed.PenaltyAsync(code);
        var objectionId = $"OBJ-{Guid.NewGuid():N}";
        await RunningSystem.PublishAsync(CancellationToken.None, new ObjectionOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"objection-{objectionId}", 1,
            null, new Actor(null, "enterprise", Roles.Subject), objectionId, "Record", recordId));
        await ConsoleSeed.UntilAsync(async () => await UnderObjectionAsync(code), "the disclosure to mark the objection");

        var page = await ConsoleBrowser.OpenAsync();
        await page.Locator("#search-text").FillAsync($"公示查询测试{code[^6..]}");
        await page.Locator("#search-button").ClickAsync();

        await Expect(page.Locator("#disclosed-code")).ToHaveTextAsync(code);
        await Expect(page.Locator("#disclosed-name")).ToContainTextAsync(name);
        var row = page.Locator($"tr[data-record='{recordId}']");
        await Expect(row).ToContainTextAsync("深市监罚〔2026〕123号");
        await Expect(row).ToContainTextAsync("罚款5万元");
        await Expect(row).ToContainTextAsync("异议处理中 Under objection");
        await ConsoleBrowser.ScreenshotAsync(page, "public-disclosure");
        await ConsoleBrowser.CloseAsync(page);
    }

    private static async Task<bool> UnderObjectionAsync(string code)
    {
        using var anonymous = RunningSystem.Client();
        var disclosure = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/disclosures?code={code}");
        return disclosure.GetProperty("records").EnumerateArray().Any(r => r.GetProperty("underObjection").GetBoolean());
    }

    [Test]
    public async Task A_natural_person_is_not_found_by_name_but_a_company_of_the_same_name_is()
    {
        var name = $"名称检索{Guid.NewGuid():N}"[..12];
        var company = TestCodes.CreditCode();
        await ConsoleSeed.RegisterAsync(TestCodes.IdNumber(new DateOnly(1985, 3, 1), Random.Shared.Next(1000)), name, kind: "NaturalPerson");
        await ConsoleSeed.RegisterAsync(company, name + "有限公司");

        var page = await ConsoleBrowser.OpenAsync($"#/search?q={name}");

        // One hit (the company) opens its disclosure at once; the person never shows, or their ID number would be public.
        await Expect(page.Locator("#disclosed-code")).ToHaveTextAsync(company);
        await ConsoleBrowser.CloseAsync(page);
    }
}
