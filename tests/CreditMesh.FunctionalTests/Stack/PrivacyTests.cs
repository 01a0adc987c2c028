using CreditMesh.Contracts.Vocabulary;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.FunctionalTests.Stack;

public sealed class PrivacyTests
{
    // A natural person's subject code is their resident ID number, so it travels in URLs.
    private const string IdNumber = "11010519491231002X";
    private const string Masked = "110105********002X";

    [Test]
    public async Task A_resident_id_number_in_a_request_never_reaches_the_logs_or_the_traces()
    {
        using var auditor = RunningSystem.Client(AuthorizationMatrix.TokenFor(Roles.Auditor));
        await auditor.GetAsync($"/api/v1/subjects/{IdNumber}");
        await auditor.GetAsync($"/api/v1/access-log/registry?unit={IdNumber}");

        // Hosts finish a request's log lines and spans just after the answer: wait for the masked forms to arrive.
        var logs = await Eventually(() => RunningSystem.Logs.Lines, lines => lines.Count(l => l.Contains(Masked)) >= 4);
        Assert.That(logs.Count(l => l.Contains(Masked)), Is.GreaterThanOrEqualTo(4), "gateway and service request lines, masked");
        Assert.That(logs.Where(l => l.Contains(IdNumber)), Is.Empty);
        var spans = await Eventually(RunningSystem.Spans.Texts, texts => texts.Count(t => t.Contains(Masked)) >= 4);
        Assert.That(spans.Count(t => t.Contains(Masked)), Is.GreaterThanOrEqualTo(4), "gateway and service spans, masked");
        Assert.That(spans.Where(t => t.Contains(IdNumber)), Is.Empty);
    }

    /// <summary>Polls until the condition holds (bounded): there is no completion event to await for another host's logger.</summary>
    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = read();
            if (condition(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(20);
        }
    }
}
