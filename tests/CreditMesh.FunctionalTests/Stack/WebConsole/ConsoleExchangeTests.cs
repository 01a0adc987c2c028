using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.FunctionalTests.Stack.Exchange;
using CreditMesh.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>The console's exchange pages (DESIGN §4.10) against the real services: the credit centre's feed and import, an approver's push.</summary>
public sealed class ConsoleExchangeTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task The_credit_centre_sees_the_feeds_positions_and_newest_items_and_imports_a_national_list_file(CancellationToken ct)
    {
        var (nationalId, code) = ($"NAT-CONSOLE-{Guid.NewGuid():N}", TestCodes.CreditCode());
        var file = JsonSerializer.SerializeToUtf8Bytes(new
        {
            items = new[] { NationalImportTests.Item(nationalId, code), NationalImportTests.Item("", "9144030071526726XA", "Blacklist") },
        });
        var disclosed = await ConsoleSeed.PenaltyAsync(TestCodes.CreditCode()); // a General penalty: disclosed, so shared with the nation
        var page = await ConsoleBrowser.SignInAsync(Roles.CreditCenter);
        await page.GotoAsync($"{RunningSystem.Gateway.Address}/console/#/exchange");
        await Expect(page.Locator("[data-stat='head'] strong")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+$"));
        await Expect(page.Locator("[data-stat='pending']")).ToContainTextAsync("待确认 Pending");

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "national-list.json", MimeType = "application/json", Buffer = file });
        await page.Locator("#import-submit").ClickAsync();

        var imported = page.Locator("#import-results tr[data-index='0']");
        await Expect(imported).ToHaveAttributeAsync("data-status", "Imported");
        await Expect(page.Locator("#import-results tr[data-index='1']")).ToHaveAttributeAsync("data-status", "Rejected");
        await Expect(page.Locator("#import-results tr[data-index='1']")).ToContainTextAsync("subjectCode");
        await ConsoleBrowser.ScreenshotAsync(page, "credit-centre-exchange");
        await Expect(imported.Locator("a.code")).ToBeVisibleAsync(); // the new entry's id, linked to the list page

        // The penalty reaches exchange over the bus; the page shows the feed as it was when loaded, so load it again until it is there.
        await Eventually.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            await Expect(page.Locator("[data-stat='head'] strong")).ToBeVisibleAsync();
            return await page.Locator("#exchange-feed").TextContentAsync() ?? "";
        }, text => text.Contains(disclosed, StringComparison.Ordinal), $"the feed on the page showing {disclosed}", Timeout.InfiniteTimeSpan, ct);
        await Expect(page.Locator("#exchange-feed tr[data-sequence]", new() { HasText = disclosed })).ToContainTextAsync("信息公示 RecordDisclosed");
        await ConsoleBrowser.CloseAsync(page);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_approver_subscribes_sees_the_secret_once_receives_a_signed_delivery_sees_it_delivered_and_cancels(CancellationToken ct)
    {
        await using var listener = await CallbackListener.StartedAsync();
        var code = TestCodes.CreditCode();
        var page = await ConsoleBrowser.SignInAsync(Roles.Approver);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/subscriptions$"));

        await page.Locator("#subscription-url").FillAsync(listener.Url);
        await page.Locator("#subscription-codes").FillAsync(code);
        await page.Locator("#subscription-create").ClickAsync();

        var secret = (await page.Locator("#subscription-secret").TextContentAsync())!;
        Assert.That(secret, Does.StartWith("whsec_"));
        var row = page.Locator("#subscriptions-list tr[data-subscription]", new() { HasText = listener.Url });
        await Expect(row).ToContainTextAsync("Active");
        await ConsoleBrowser.ScreenshotAsync(page, "approver-subscriptions");

        // When lists activates an entry for the subject
        var entryId = Guid.NewGuid().ToString();
        await RunningSystem.PublishAsync(ct, new ListEntryActivated(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 1, null, null, entryId,
            ListTypes.CourtDefaulter, "11440300MB2C928511", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1), ["R-" + entryId]));

        // Then the listener gets it signed with the secret the page showed, and the page's log says Delivered
        var delivery = (await listener.UntilReceivedAsync(1, ct)).Single();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), delivery.RawBody));
        Assert.That(delivery.Headers["X-CreditMesh-Signature"], Is.EqualTo(expected));
        await row.GetByRole(AriaRole.Button, new() { Name = "投递记录 Deliveries" }).ClickAsync();
        var logged = page.Locator($"#deliveries tr[data-delivery='{delivery.Json.GetProperty("deliveryId").GetString()}']");
        await Eventually.UntilAsync(async () =>
        {
            await page.Locator("#deliveries-refresh").ClickAsync();
            await Expect(logged).ToBeVisibleAsync();
            return await logged.GetAttributeAsync("data-status");
        }, status => status == "Delivered", "the delivery logged as Delivered on the page", Timeout.InfiniteTimeSpan, ct);
        await Expect(logged).ToContainTextAsync("HTTP 200");

        // And cancelling it shows it Cancelled
        await page.Locator("#subscriptions-list tr[data-subscription]", new() { HasText = listener.Url })
            .GetByRole(AriaRole.Button, new() { Name = "取消 Cancel" }).ClickAsync();
        await Expect(page.Locator("#subscriptions-list tr[data-subscription]", new() { HasText = listener.Url })).ToContainTextAsync("Cancelled");
        await ConsoleBrowser.CloseAsync(page);
    }
}
