extern alias Matching;
using CreditMesh.Contracts.Vocabulary;
using System.Net;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>DESIGN §6: a matching replica is ready (caught up) before it answers.</summary>
public sealed class MatchingReplicaTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task A_replica_started_late_reports_unready_until_it_has_caught_up_and_then_hits_the_existing_entries(CancellationToken ct)
    {
        // Given an entry the running replica already hits
        var company = TestCodes.CreditCode();
        await RunningSystem.PublishAsync(ct, MatchingTests.Activated(company, $"LE-{company}", "CourtDefaulter", DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(1)));
        var ask = new { subjectCode = company, matterCode = "GOV_PROCUREMENT" };
        using (var approver = MatchingTests.Approver("APPROVAL-SZ-05"))
            await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match", ask), m => m.GetProperty("decision").GetString() == "Prohibit");

        // And a list log the new replica cannot read yet (a slow database: its start-up snapshot waits on this lock)
        await using var database = new NpgsqlConnection(RunningSystem.Databases["Matching"]);
        await database.OpenAsync(ct);
        var slow = await database.BeginTransactionAsync(ct);
        await using (var lockLog = new NpgsqlCommand("lock table index_changes in access exclusive mode", database, slow)) await lockLog.ExecuteNonQueryAsync(ct);

        // When a second replica starts
        await using var replica = new Host<Matching::Program>(new Dictionary<string, string?>
        {
            ["EventStore:ConnectionString"] = RunningSystem.Databases["Matching"],
            ["RabbitMq:Host"] = RunningSystem.Broker.Host,
            ["RabbitMq:Port"] = RunningSystem.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = "/",
        }, RunningSystem.Logs, RunningSystem.Spans).Start();
        using var probe = new HttpClient { BaseAddress = new Uri(replica.Address) };
        probe.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.For(Roles.Approver, unit: "APPROVAL-SZ-05", user: "approval-system"));

        // Then it is not ready and does not answer matches while it cannot catch up
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await probe.GetAsync("/health/ready", ct)).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            await Task.Delay(100, ct);
        }
        Assert.That((await MatchingTests.PostAsync(probe, "/api/v1/match", ask)).Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        // And once the database answers it becomes ready, and its first answer already hits the entry
        await slow.RollbackAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await probe.GetAsync("/health/ready", ct)).StatusCode != HttpStatusCode.OK)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the replica never became ready");
            await Task.Delay(50, ct);
        }
        var (status, match) = await MatchingTests.PostAsync(probe, "/api/v1/match", ask);
        Assert.That((status, match.GetProperty("decision").GetString()), Is.EqualTo((HttpStatusCode.OK, "Prohibit")));
    }
}
