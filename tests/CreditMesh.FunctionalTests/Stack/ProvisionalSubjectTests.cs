using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

public sealed class ProvisionalSubjectTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_subject_first_seen_in_a_credit_record_becomes_provisional_and_a_units_registration_confirms_it(CancellationToken ct)
    {
        // Given ingestion announces a record about a subject the registry has never seen (delivered twice)
        var code = TestCodes.CreditCode();
        var accepted = new CreditRecordAccepted(Guid.NewGuid(), DateTimeOffset.UtcNow, code, "record-PEN-1", 1, "corr-1",
            new Actor("11440300MB2C928511", "clerk-a", Roles.MemberUnit), "PEN-1", "11440300MB2C928511", "AdministrativePenalty",
            "记录中的企业名称", "LegalPerson", new DateOnly(2026, 5, 10), "General");
        await RunningSystem.PublishAsync(ct, accepted, accepted);

        // Then the registry holds it as a provisional subject named as in the record, at version 1 despite the repeat
        using var reader = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var provisional = await EventuallyAsync(() => reader.GetAsync($"/api/v1/subjects/{code}", ct), ct);
        Assert.That(provisional.GetProperty("provisional").GetBoolean(), Is.True);
        Assert.That(provisional.GetProperty("name").GetString(), Is.EqualTo("记录中的企业名称"));
        Assert.That(provisional.GetProperty("version").GetInt64(), Is.EqualTo(1));

        // When a member unit registers it
        using var clerk = RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.MemberUnit));
        var registered = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code, kind = "LegalPerson", name = "登记的企业名称" }, ct);

        // Then the same subject is confirmed (not created again) with the registered name
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var confirmed = await registered.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.That((confirmed.GetProperty("provisional").GetBoolean(), confirmed.GetProperty("name").GetString()), Is.EqualTo((false, "登记的企业名称")));
    }

    /// <summary>Asks until the registry has consumed the message (bounded by the test's CancelAfter).</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<HttpResponseMessage>> get, CancellationToken ct)
    {
        var response = await Eventually.UntilAsync(get, r => r.StatusCode == HttpStatusCode.OK, "the registry to know the subject", Timeout.InfiniteTimeSpan, ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
