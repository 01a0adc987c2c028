using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Data quality per unit (DESIGN §4.2): accepted, rejected (error rate), late (late rate), corrected.</summary>
public sealed class QualityTests
{
    [Test]
    public async Task A_units_statistics_count_accepted_rejected_late_and_corrected_records()
    {
        // Given a unit that sends one late record, one on time, one invalid, then corrects the on-time one
        var unit = $"QUALITY-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        using var clerk = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: unit));
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", RecordsTests.Penalty(TestCodes.CreditCode(), "Q-LATE"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var onTime = RecordsTests.Penalty(TestCodes.CreditCode(), "Q-ON-TIME");
        onTime["decisionDate"] = today;
        var created = await (await clerk.PostAsJsonAsync("/api/v1/records", onTime)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.GetProperty("late").GetBoolean(), Is.False);
        var invalid = RecordsTests.Penalty(TestCodes.CreditCode(), "Q-BAD");
        invalid.Remove("penaltyContent");
        Assert.That((await clerk.PostAsJsonAsync("/api/v1/records", invalid)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        onTime["fineAmount"] = 1000;
        Assert.That((await clerk.PostAsJsonAsync($"/api/v1/records/{created.GetProperty("recordId").GetString()}/corrections",
            new { reason = "金额更正", record = onTime })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // When the credit centre and the unit itself ask for its statistics
        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));
        var all = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/quality?unit={unit}");
        var own = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/quality");

        // Then both see the same counts and rates
        foreach (var answer in new[] { all, own })
        {
            var item = answer.GetProperty("items").EnumerateArray().Single();
            Assert.That((item.GetProperty("unit").GetString(), item.GetProperty("accepted").GetInt32(), item.GetProperty("rejected").GetInt32(),
                item.GetProperty("late").GetInt32(), item.GetProperty("corrected").GetInt32()), Is.EqualTo((unit, 2, 1, 1, 1)));
            Assert.That((item.GetProperty("errorRate").GetDouble(), item.GetProperty("lateRate").GetDouble()), Is.EqualTo((0.3333, 0.5)));
        }

        // And another unit may not look at it
        using var other = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: "11440300MA5F0000X9"));
        Assert.That((await other.GetAsync($"/api/v1/quality?unit={unit}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
