using Microsoft.Playwright;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// One headless Chromium (Debian's package, driven by Playwright's bundled driver; no browser download) for
/// all console tests, started after <see cref="RunningSystem"/>; each test gets its own context, so sessionStorage
/// (the signed-in token) never leaks between tests.
/// </summary>
[SetUpFixture]
public sealed class ConsoleBrowser
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>Where Chromium is: CREDITMESH_CHROMIUM, else Debian's binary (infra/lib.sh installs the chromium package).</summary>
    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CREDITMESH_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium"
        : "/usr/bin/chromium";

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True, $"Chromium not found at {ChromiumPath}: apt-get install -y chromium (infra/test.sh does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        // The pages wait on the real services (archive catch-up, projections): allow more than the 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// A fresh page (own context) at a console address such as "#/search", with a desktop-sized viewport;
    /// <paramref name="prepare"/> runs before the first navigation (e.g. to route API calls).
    /// </summary>
    public static async Task<IPage> OpenAsync(string hash = "", Func<IPage, Task>? prepare = null)
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        // A failed API call shows on the page as a problem; a script error or a refused script/style (CSP) is a defect.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource")) errors.Add(message.Text); };
        PageErrors.Add(page, errors);
        if (prepare is not null) await prepare(page);
        await page.GotoAsync($"{RunningSystem.Gateway.Address}/console/{hash}");
        return page;
    }

    /// <summary>Script errors and console errors a page reported (a CSP violation shows up here), failed requests aside.</summary>
    public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> PageErrors = new();

    /// <summary>Signs in by picking a role from the development tokens, as a developer would.</summary>
    public static async Task<IPage> SignInAsync(string role, Func<IPage, Task>? prepare = null)
    {
        var page = await OpenAsync("#/login", prepare);
        await page.Locator($"button.role[data-role='{role}']").ClickAsync();
        await Assertions.Expect(page.Locator($"#session .who[data-role='{role}']")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Writes the page's picture to $CREDITMESH_SCREENSHOTS/NAME.png when that folder is set (infra/screenshots.sh
    /// sets it to docs/screenshots); ordinary test runs write nothing into the checkout.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CREDITMESH_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public static async Task CloseAsync(IPage page)
    {
        var errors = PageErrors.TryGetValue(page, out var list) ? list : [];
        await page.Context.CloseAsync();
        Assert.That(errors, Is.Empty, "the page reported script errors");
    }
}
