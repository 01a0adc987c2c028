using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

public sealed class AccessLogTests
{
    [Test]
    public async Task Reads_and_refused_attempts_are_recorded_with_who_when_what_and_outcome()
    {
        // Given a member unit that tries to read the access log, and an anonymous caller that tries at the
        // service itself (the gateway turns anonymous callers away before any service sees them)
        var marker = Guid.NewGuid().ToString("N");
        using var clerk = RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.MemberUnit));
        Assert.That((await clerk.GetAsync($"/api/v1/access-log/lists?action={marker}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var anonymous = RunningSystem.Client(direct: true, service: "Lists");
        Assert.That((await anonymous.GetAsync($"/api/v1/access-log/lists?action={marker}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // And an auditor who reads it
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor, user: "auditor-li"));
        Assert.That((await auditor.GetAsync($"/api/v1/access-log/lists?action={marker}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // When the auditor looks at the log
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/access-log/lists?action=access-log-read&limit=1000");

        // Then all three calls are there with their caller and outcome
        var entries = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("path").GetString()!.Contains(marker)).ToList();
        var outcomes = entries.Select(e => (e.GetProperty("status").GetInt32(), e.TryGetProperty("role", out var r) ? r.GetString() : null)).ToList();
        Assert.That(outcomes, Is.EquivalentTo(new (int, string?)[] { (403, Roles.MemberUnit), (401, null), (200, Roles.Auditor) }));
        var read = entries.Single(e => e.GetProperty("status").GetInt32() == 200);
        Assert.That(read.GetProperty("user").GetString(), Is.EqualTo("auditor-li"));
        Assert.That(read.GetProperty("method").GetString(), Is.EqualTo("GET"));
        Assert.That(read.GetProperty("correlationId").GetString(), Is.Not.Empty);
        Assert.That(read.GetProperty("at").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        var refused = entries.Single(e => e.GetProperty("status").GetInt32() == 403);
        Assert.That(refused.GetProperty("unit").GetString(), Is.EqualTo("11440300MB2C928511"));
    }

    [Test]
    public async Task A_history_read_is_recorded_with_the_subject_it_was_about()
    {
        var code = TestCodes.CreditCode();
        using var creditCentre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter, unit: "CREDIT-CENTRE", user: "operator-wang"));
        Assert.That((await creditCentre.GetAsync($"/api/v1/subjects/{code}/history")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/access-log/registry?action=history&unit=CREDIT-CENTRE&limit=1000");

        var entry = page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("target").GetString() == code);
        Assert.That(entry.GetProperty("user").GetString(), Is.EqualTo("operator-wang"));
        Assert.That(entry.GetProperty("role").GetString(), Is.EqualTo(Roles.CreditCenter));
        Assert.That(entry.GetProperty("status").GetInt32(), Is.EqualTo(200));
    }

    [Test]
    public async Task An_invalid_filter_is_a_problem_naming_the_field()
    {
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var response = await auditor.GetAsync("/api/v1/access-log/registry?limit=5000");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty("limit", out _), Is.True);
    }
}
