extern alias Exchange;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.Exchange.ExchangeFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;
using Npgsql;
using SharingLedger = Exchange::CreditMesh.Exchange.Features.SharingLedger;
using WebhookSecurity = Exchange::CreditMesh.Exchange.Domain.Deliveries.WebhookSecurity;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>信息推送 over the running system (DESIGN §4.10): signed deliveries to local HTTP listeners, in order, at least once.</summary>
public sealed class SubscriptionTests
{
    private static ListEntryActivated Activated(string code, string entryId, string listType = ListTypes.CourtDefaulter) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 1, null, null, entryId, listType, UnitA, DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddYears(2), ["R-" + entryId]);

    private static ListEntryRemoved Removed(string code, string entryId, string reason = "Withdrawn") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"list-entry-{entryId}", 2, null, null, entryId, reason);

    [Test]
    [CancelAfter(60_000)]
    public async Task A_subscribers_listener_receives_a_signed_list_entry_activated_and_the_log_shows_it_delivered(CancellationToken ct)
    {
        // Given an approval system subscribed, for one subject, to ListEntryActivated at its local listener
        await using var listener = await CallbackListener.StartedAsync();
        var code = TestCodes.CreditCode();
        using var approver = Approver();
        var subscription = await SubscribeAsync(approver, listener.Url, ["ListEntryActivated"], [code], ct: ct);
        var secret = subscription.GetProperty("secret").GetString()!;

        // When a court records a defaulter and lists activates the entry
        var recordId = await SubmitAsync(CourtRecord(code, $"CD-{Guid.NewGuid():N}"), ct);

        // Then the listener receives one signed delivery whose signature it can check over the raw body
        var delivery = (await listener.UntilReceivedAsync(1, ct)).Single();
        var body = delivery.Json;
        Assert.Multiple(() =>
        {
            Assert.That(WebhookSecurity.Verify(secret, delivery.RawBody, delivery.Headers["X-CreditMesh-Signature"]), Is.True,
                $"X-CreditMesh-Signature {delivery.Headers["X-CreditMesh-Signature"]} is sha256=<hex> over the raw body");
            Assert.That(delivery.Headers["X-CreditMesh-Signature"], Does.Match("^sha256=[0-9a-f]{64}$"));
            Assert.That(body.GetProperty("event").GetString(), Is.EqualTo("ListEntryActivated"));
            Assert.That(body.GetProperty("subscriptionId").GetString(), Is.EqualTo(subscription.GetProperty("subscriptionId").GetString()));
            Assert.That(body.GetProperty("subjectCode").GetString(), Is.EqualTo(code));
            Assert.That(delivery.Headers["X-CreditMesh-Delivery"], Is.EqualTo(body.GetProperty("deliveryId").GetString()));
            Assert.That(body.GetProperty("data").GetProperty("listType").GetString(), Is.EqualTo("CourtDefaulter"));
            Assert.That(body.GetProperty("data").GetProperty("basisRecordIds")[0].GetString(), Is.EqualTo(recordId));
        });
        var log = await Eventually.UntilAsync(() => DeliveriesAsync(approver, subscription.GetProperty("subscriptionId").GetString()!, ct),
            l => l.Count == 1 && l[0].GetProperty("status").GetString() == "Delivered", "the delivery logged as Delivered", Timeout.InfiniteTimeSpan, ct);
        Assert.That((log[0].GetProperty("deliveryId").GetString(), log[0].GetProperty("attempts").GetInt32(), log[0].GetProperty("responseStatus").GetInt32()),
            Is.EqualTo((body.GetProperty("deliveryId").GetString(), 1, 200)));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_listener_that_is_down_gets_the_deliveries_after_it_comes_back_in_order(CancellationToken ct)
    {
        // Given a subscription whose listener is not running
        var listener = new CallbackListener();
        var code = TestCodes.CreditCode();
        using var approver = Approver();
        var subscription = await SubscribeAsync(approver, listener.Url, ["ListEntryActivated", "ListEntryRemoved"], [code], ct: ct);
        var id = subscription.GetProperty("subscriptionId").GetString()!;
        var (first, second) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        // When entries change while it is down: two activations, then a removal
        await RunningSystem.PublishAsync(ct, Activated(code, first), Activated(code, second));
        await Eventually.UntilAsync(() => DeliveriesAsync(approver, id, ct), l => l.Count == 2 && l.Any(d => d.GetProperty("attempts").GetInt32() > 0),
            "both deliveries planned and attempted", Timeout.InfiniteTimeSpan, ct);
        await RunningSystem.PublishAsync(ct, Removed(code, first));
        var failing = await Eventually.UntilAsync(() => DeliveriesAsync(approver, id, ct), l => l.Count == 3, "the removal planned", Timeout.InfiniteTimeSpan, ct);
        Assert.That(failing.Select(d => d.GetProperty("status").GetString()), Is.All.EqualTo("Pending"), "nothing delivered while it is down");

        // Then, once it is back, it receives all three, in the order they happened
        await using (listener)
        {
            await listener.StartAsync();
            var received = await listener.UntilReceivedAsync(3, ct);
            Assert.That(received.Select(r => (r.Event, r.Json.GetProperty("data").GetProperty("listEntryId").GetString())), Is.EqualTo(new[]
            {
                ("ListEntryActivated", first), ("ListEntryActivated", second), ("ListEntryRemoved", first),
            }));
            Assert.That(received[2].Json.GetProperty("data").GetProperty("reason").GetString(), Is.EqualTo("Withdrawn"));
            var log = await Eventually.UntilAsync(() => DeliveriesAsync(approver, id, ct), l => l.All(d => d.GetProperty("status").GetString() == "Delivered"),
                "every delivery logged as Delivered", Timeout.InfiniteTimeSpan, ct);
            Assert.That(log.Select(d => d.GetProperty("deliveryId").GetString()).Reverse(),
                Is.EqualTo(received.Select(r => r.Json.GetProperty("deliveryId").GetString())), "the log, newest first, holds the same deliveries");
            Assert.That(log.Last().GetProperty("attempts").GetInt32(), Is.GreaterThan(1), "the first was retried until the listener came back");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_failing_subscriber_does_not_hold_up_another(CancellationToken ct)
    {
        await using var healthy = await CallbackListener.StartedAsync();
        await using var failing = await CallbackListener.StartedAsync();
        failing.Respond = http =>
        {
            http.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        var code = TestCodes.CreditCode();
        using var approver = Approver("APPROVAL-SZ-02");
        var broken = await SubscribeAsync(approver, failing.Url, ["ListEntryActivated"], [code], ct: ct);
        await SubscribeAsync(approver, healthy.Url, ["ListEntryActivated"], [code], ct: ct);

        await RunningSystem.PublishAsync(ct, Activated(code, Guid.NewGuid().ToString()));

        await healthy.UntilReceivedAsync(1, ct);
        var log = await DeliveriesAsync(approver, broken.GetProperty("subscriptionId").GetString()!, ct);
        Assert.That(log.Single().GetProperty("status").GetString(), Is.EqualTo("Pending"), "the failing one keeps retrying");
        await Eventually.UntilAsync(() => DeliveriesAsync(approver, broken.GetProperty("subscriptionId").GetString()!, ct),
            l => l.Single().TryGetProperty("responseStatus", out var s) && s.GetInt32() == 500, "the failure logged", Timeout.InfiniteTimeSpan, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_redirect_is_not_followed(CancellationToken ct)
    {
        await using var elsewhere = await CallbackListener.StartedAsync();
        await using var redirecting = await CallbackListener.StartedAsync();
        redirecting.Respond = http =>
        {
            http.Response.StatusCode = 307;
            http.Response.Headers.Location = elsewhere.Url;
            return Task.CompletedTask;
        };
        var code = TestCodes.CreditCode();
        using var approver = Approver();
        var subscription = await SubscribeAsync(approver, redirecting.Url, ["ListEntryActivated"], [code], ct: ct);

        await RunningSystem.PublishAsync(ct, Activated(code, Guid.NewGuid().ToString()));

        await redirecting.UntilReceivedAsync(2, ct); // tried, and tried again
        var log = await DeliveriesAsync(approver, subscription.GetProperty("subscriptionId").GetString()!, ct);
        Assert.That((log.Single().GetProperty("status").GetString(), log.Single().GetProperty("responseStatus").GetInt32()), Is.EqualTo(("Pending", 307)));
        Assert.That(elsewhere.Received, Is.Empty, "the redirect's target is never called");
    }

    [TestCase("http://10.0.0.5/hooks")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("https://approval.example.gov.cn/hooks")]
    [TestCase("file:///etc/passwd")]
    public async Task A_callback_to_a_host_off_the_allow_list_is_a_400_naming_callbackUrl_and_stores_nothing(string callbackUrl)
    {
        using var approver = Approver("APPROVAL-SSRF-01");

        var response = await approver.PostAsJsonAsync("/api/v1/subscriptions", new { callbackUrl, events = new[] { "ListEntryActivated" } });

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("callbackUrl", out _), Is.True, problem.ToString());
        var own = await approver.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions");
        Assert.That(own.GetProperty("items").EnumerateArray(), Is.Empty);
    }

    [Test]
    public async Task Bad_terms_are_a_400_naming_each_field()
    {
        using var approver = Approver();

        var response = await approver.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            callbackUrl = "http://127.0.0.1:9/hooks", events = new[] { "Everything" }, subjectCodes = new[] { "9144030071526726XA" }, listTypes = new[] { "Blacklist" },
        });

        var errors = (await JsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "events[0]", "subjectCodes[0]", "listTypes[0]" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task List_type_filters_choose_the_entries_and_evaluation_changes_reach_their_subscribers(CancellationToken ct)
    {
        await using var courts = await CallbackListener.StartedAsync();
        await using var grades = await CallbackListener.StartedAsync();
        var code = TestCodes.CreditCode();
        using var unit = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: UnitB, user: "push-unit"));
        await SubscribeAsync(unit, courts.Url, ["ListEntryActivated"], [code], [ListTypes.CourtDefaulter], ct);
        var red = await SubscribeAsync(unit, courts.Url, ["ListEntryActivated"], [code], [ListTypes.RedList], ct);
        await SubscribeAsync(unit, grades.Url, ["EvaluationChanged"], [code], ct: ct);

        // The evaluation service is built elsewhere: its event is published here as it will publish it.
        await RunningSystem.PublishAsync(ct, Activated(code, Guid.NewGuid().ToString()),
            new EvaluationChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"evaluation-{code}", 1, null, null, 640, "C", "2026.1", ["KeyAttention"], 820, "B"));

        var court = (await courts.UntilReceivedAsync(1, ct)).Single();
        // The evaluation service also evaluates the subject from the entry and may tell the subscriber first: ours is the one from B.
        var grade = await grades.UntilReceivedAsync(d => d.Json.GetProperty("data").TryGetProperty("previousGrade", out var p) && p.GetString() == "B",
            "the published EvaluationChanged", ct);
        Assert.That(court.Json.GetProperty("data").GetProperty("listType").GetString(), Is.EqualTo(ListTypes.CourtDefaulter));
        Assert.That((grade.Event, grade.Json.GetProperty("data").GetProperty("grade").GetString(), grade.Json.GetProperty("data").GetProperty("score").GetInt32()),
            Is.EqualTo(("EvaluationChanged", "C", 640)));
        Assert.That(await DeliveriesAsync(unit, red.GetProperty("subscriptionId").GetString()!, ct), Is.Empty,
            "planned with the court delivery, in the same transaction: nothing for the red-list subscription");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_evaluation_change_reaches_its_subscriber_while_the_feed_is_busy_and_a_list_entry_follows_when_it_is_free(CancellationToken ct)
    {
        // Given subscribers for a subject's list entries and its evaluation changes
        await using var courts = await CallbackListener.StartedAsync();
        await using var grades = await CallbackListener.StartedAsync();
        var code = TestCodes.CreditCode();
        using var unit = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: UnitB, user: "push-busy"));
        await SubscribeAsync(unit, courts.Url, ["ListEntryActivated"], [code], ct: ct);
        await SubscribeAsync(unit, grades.Url, ["EvaluationChanged"], [code], ct: ct);

        // and the feed's ledger busy: its lock held, as by a long transaction of shared items
        await using var feed = new NpgsqlConnection(RunningSystem.Databases["Exchange"]);
        await feed.OpenAsync(ct);
        await using (var hold = new NpgsqlCommand($"select pg_advisory_lock({SharingLedger.FeedLock})", feed)) await hold.ExecuteNonQueryAsync(ct);

        // When an entry is activated and the subject's evaluation changes
        await RunningSystem.PublishAsync(ct, Activated(code, Guid.NewGuid().ToString()),
            new EvaluationChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, code, $"evaluation-{code}", 1, null, null, 610, "C", "2026.1", [], 800, "B"));

        // Then the evaluation change is delivered meanwhile (it shares nothing in the feed), and the entry, which enters the feed,
        // only once the feed is free again
        var grade = await grades.UntilReceivedAsync(d => d.Json.GetProperty("data").TryGetProperty("previousGrade", out var p) && p.GetString() == "B",
            "the EvaluationChanged delivered while the feed lock is held", ct);
        Assert.That(grade.Json.GetProperty("data").GetProperty("score").GetInt32(), Is.EqualTo(610));
        Assert.That(courts.Received, Is.Empty, "the entry's push is planned in the feed's transaction, which waits for the lock");
        await using (var release = new NpgsqlCommand($"select pg_advisory_unlock({SharingLedger.FeedLock})", feed)) await release.ExecuteNonQueryAsync(ct);
        var court = (await courts.UntilReceivedAsync(1, ct)).Single();
        Assert.That(court.Json.GetProperty("subjectCode").GetString(), Is.EqualTo(code));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Only_the_owner_reads_or_cancels_a_subscription_and_cancelling_twice_is_harmless(CancellationToken ct)
    {
        using var owner = Approver("APPROVAL-OWNER-01");
        using var other = Approver("APPROVAL-OTHER-01");
        var subscription = await SubscribeAsync(owner, "http://localhost:9/hooks", ["RecordDisclosed"], ct: ct);
        var id = subscription.GetProperty("subscriptionId").GetString();

        Assert.That((await other.GetAsync($"/api/v1/subscriptions/{id}", ct)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await other.DeleteAsync($"/api/v1/subscriptions/{id}", ct)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await other.GetAsync($"/api/v1/subscriptions/{id}/deliveries", ct)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await owner.GetAsync("/api/v1/subscriptions/no-such-subscription", ct)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var view = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/subscriptions/{id}", ct);
        Assert.That(view.TryGetProperty("secret", out _), Is.False, "the secret is shown once, at creation");

        Assert.That((await owner.DeleteAsync($"/api/v1/subscriptions/{id}", ct)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await owner.DeleteAsync($"/api/v1/subscriptions/{id}", ct)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await owner.GetFromJsonAsync<JsonElement>($"/api/v1/subscriptions/{id}", ct)).GetProperty("status").GetString(), Is.EqualTo("Cancelled"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_subscription_for_100000_subjects_is_accepted_and_one_more_is_refused(CancellationToken ct)
    {
        using var approver = Approver("APPROVAL-BULK-01");
        var codes = Enumerable.Range(0, 100_000).Select(i => TestCodes.CreditCode()).ToArray();

        var created = await SubscribeAsync(approver, "http://localhost:9/hooks", ["ListEntryActivated"], codes, ct: ct);
        var tooMany = await approver.PostAsJsonAsync("/api/v1/subscriptions",
            new { callbackUrl = "http://localhost:9/hooks", events = new[] { "ListEntryActivated" }, subjectCodes = codes.Append(TestCodes.CreditCode()) }, ct);

        var listed = await approver.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions", ct);
        Assert.That(listed.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("subscriptionId").GetString() == created.GetProperty("subscriptionId").GetString())
            .GetProperty("subjectCodeCount").GetInt32(), Is.EqualTo(100_000));
        var problem = await JsonAsync(tooMany, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("subjectCodes", out _), Is.True, problem.ToString());
    }
}
