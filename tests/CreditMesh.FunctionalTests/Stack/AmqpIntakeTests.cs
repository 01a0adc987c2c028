using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using MassTransit;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>A member unit submitting over RabbitMQ with its own broker login (DESIGN §5 messages, §7).</summary>
public sealed class AmqpIntakeTests
{
    private const string Unit = "11440300MA5AMQP05L";

    [Test]
    [CancelAfter(90_000)]
    public async Task A_record_sent_over_amqp_is_stored_like_one_sent_over_http_and_answered_with_its_result(CancellationToken ct)
    {
        // Given the unit's broker login and its client bus, stamping its login as user-id
        await RunningSystem.Broker.Control("add_user", Unit, "unit-secret");
        await RunningSystem.Broker.Control("set_permissions", "-p", "/", Unit, ".*", ".*", ".*");
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(RunningSystem.Broker.Host, (ushort)RunningSystem.Broker.Port, "/", h =>
        {
            h.Username(Unit);
            h.Password("unit-secret");
        }));
        await bus.StartAsync(ct);
        try
        {
            var client = bus.CreateRequestClient<SubmitCreditRecord>(RequestTimeout.After(s: 60));
            var body = RecordsTests.Penalty(TestCodes.CreditCode(), $"AMQP-{Guid.NewGuid():N}");
            var record = body.Deserialize<CreditRecordBody>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

            // When it submits the record
            var answer = await client.GetResponse<CreditRecordSubmissionResult>(new SubmitCreditRecord(Guid.NewGuid(), Unit, record),
                x => x.UseExecute(send => send.StampUserId(Unit)), ct);

            // Then the result says Accepted, and the record reads back over HTTP exactly as submitted, owned by the unit
            Assert.That(answer.Message.Status, Is.EqualTo("Accepted"), JsonSerializer.Serialize(answer.Message.Errors));
            using var http = RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: Unit));
            var stored = await http.GetFromJsonAsync<JsonElement>($"/api/v1/records/{answer.Message.RecordId}", ct);
            Assert.That(stored.GetProperty("sourceUnit").GetString(), Is.EqualTo(Unit));
            Assert.That(stored.GetProperty("subject").GetProperty("code").GetString(), Is.EqualTo(record.Subject!.Code));
            Assert.That(stored.GetProperty("fineAmount").GetDecimal(), Is.EqualTo(50000m));

            // And the same record over HTTP is the same record: a duplicate with the same id
            var viaHttp = await http.PostAsJsonAsync("/api/v1/records", body, ct);
            Assert.That(viaHttp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await viaHttp.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("recordId").GetString(), Is.EqualTo(answer.Message.RecordId));

            // When the message claims another unit than its login, it is rejected naming sourceUnit
            var claimed = await client.GetResponse<CreditRecordSubmissionResult>(new SubmitCreditRecord(Guid.NewGuid(), "11440300MB2C928511", record),
                x => x.UseExecute(send => send.StampUserId(Unit)), ct);
            Assert.That(claimed.Message.Status, Is.EqualTo("Rejected"));
            Assert.That(claimed.Message.Errors!.Keys, Is.EqualTo(new[] { "sourceUnit" }));

            // And an invalid record is rejected with its field errors, as over HTTP
            var invalid = await client.GetResponse<CreditRecordSubmissionResult>(
                new SubmitCreditRecord(Guid.NewGuid(), Unit, record with { SourceRecordId = $"AMQP-{Guid.NewGuid():N}", FineAmount = -5 }),
                x => x.UseExecute(send => send.StampUserId(Unit)), ct);
            Assert.That((invalid.Message.Status, invalid.Message.Errors!.Keys.Single()), Is.EqualTo(("Rejected", "fineAmount")));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }
}
