using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack.Exchange;

/// <summary>
/// What the authorization matrix needs for the exchange routes: bodies, and the subscriptions its {subscription} routes act on
/// (owned by the matrix approver; a second one it cancels, so repeated DELETEs stay 204).
/// </summary>
public static class ExchangeMatrix
{
    private static readonly Dictionary<string, string> Objects = [];

    /// <summary>A subject nobody records anything for: the matrix's subscriptions never get a delivery.</summary>
    private static readonly string Quiet = TestCodes.CreditCode();

    /// <summary>The same national id every time: the first allowed call imports it, every later one answers Duplicate (still 200).</summary>
    public static readonly string ImportBody = JsonSerializer.Serialize(new
    {
        items = new[] { NationalImportTests.Item($"NAT-MATRIX-{Guid.NewGuid():N}", TestCodes.CreditCode()) },
    });

    public static readonly string SubscriptionBody = JsonSerializer.Serialize(new
    {
        callbackUrl = "http://127.0.0.1:9/hooks", events = new[] { "ListEntryActivated" }, subjectCodes = new[] { Quiet },
    });

    /// <summary>An approval system of another unit: its role may use the subscription routes, but not on the matrix approver's subscription.</summary>
    public static readonly string OtherApprover = DevTokens.For(Roles.Approver, unit: "APPROVAL-SZ-99", user: "approval-system-b");

    public static readonly (string Path, string Method, string? Body, string What)[] OwnerOnly =
    [
        ("/api/v1/subscriptions/{subscription}", "GET", null, "reads the approver's subscription"),
        ("/api/v1/subscriptions/{subscription}/deliveries", "GET", null, "reads the approver's delivery log"),
        ("/api/v1/subscriptions/{subscription}", "DELETE", null, "cancels the approver's subscription"),
    ];

    public static async Task CreateMatrixObjectsAsync(string approverToken)
    {
        using var approver = RunningSystem.Client(approverToken);
        foreach (var name in new[] { "{subscription}", "{cancelledSubscription}" })
        {
            var response = await approver.PostAsync("/api/v1/subscriptions", new StringContent(SubscriptionBody, System.Text.Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            Objects[name] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriptionId").GetString()!;
        }
    }

    public static string Resolve(string text) => Objects.Aggregate(text, (t, o) => t.Replace(o.Key, o.Value));
}
