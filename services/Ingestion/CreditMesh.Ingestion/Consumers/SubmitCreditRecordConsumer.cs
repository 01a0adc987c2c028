using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Features;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults.Security;
using MassTransit;

namespace CreditMesh.Ingestion.Consumers;

/// <summary>
/// The AMQP intake: the same validation and idempotency as POST /api/v1/records, with the sending unit
/// taken from the broker-validated user-id. The answer goes back to the sender (request/response) or,
/// without a response address, is published for the unit to pick up.
/// </summary>
public sealed class SubmitCreditRecordConsumer(RecordIntake intake, Npgsql.NpgsqlDataSource dataSource, UnitCodes units) : IConsumer<SubmitCreditRecord>
{
    public async Task Consume(ConsumeContext<SubmitCreditRecord> context)
    {
        var message = context.Message;
        var unit = context.AuthenticatedUser();
        // A broker login is named after its unit code (infra/broker-user.sh); one that is not a unit code sends nothing in.
        if (units.Error(unit, "The broker login") is { } notAUnit)
            throw new UnauthenticatedMessageException(notAUnit);
        var result = unit != message.SourceUnit
            ? Rejected(message, "sourceUnit", $"The message says {message.SourceUnit} but was sent with the broker login of {unit}.")
            : await SubmitAsync(message, unit, context);
        if (result.Status == "Rejected")
            await Projections.RecordQueries.CountRejectedAsync(dataSource, unit, intake.Today, 1, context.CancellationToken);
        if (context.ResponseAddress is not null) await context.RespondAsync(result);
        else await context.Publish(result, context.CancellationToken);
    }

    private async Task<CreditRecordSubmissionResult> SubmitAsync(SubmitCreditRecord message, string unit, ConsumeContext context)
    {
        // Same JSON names on both sides: the contract body reads as the HTTP submission.
        var submission = JsonSerializer.Deserialize<CreditRecordSubmission>(
            JsonSerializer.SerializeToUtf8Bytes(message.Record, EventJson.Options), EventJson.Options);
        var validation = RecordValidator.Validate(submission, intake.Today);
        if (!validation.IsValid) return Rejected(message, validation.Errors);
        try
        {
            intake.PublicityOf(validation.Record);
        }
        catch (ArgumentException e)
        {
            return Rejected(message, "decisionDate", e.Message);
        }
        var metadata = new EventMetadata(context.CorrelationId?.ToString(), message.SubmissionId.ToString(),
            new EventActor(unit, "amqp", "member-unit"), message.SubmissionId.ToString());
        return await intake.SubmitAsync(unit, validation.Record, metadata, context.CancellationToken) switch
        {
            SubmissionOutcome.Accept a => Result(message, "Accepted", a.Event.RecordId, a.Event.Late),
            SubmissionOutcome.Duplicate d => Result(message, "Duplicate", d.Existing.RecordId, d.Existing.Late),
            SubmissionOutcome.Conflict c => Rejected(message, "sourceRecordId", "A record with this key exists with other content; send a correction to change it.") with { RecordId = c.Existing.RecordId },
            _ => throw new InvalidOperationException("Unknown submission outcome."),
        };
    }

    private static CreditRecordSubmissionResult Result(SubmitCreditRecord message, string status, string recordId, bool late) =>
        new(message.SubmissionId, message.SourceUnit, message.Record.SourceRecordId, status, recordId, late);

    private static CreditRecordSubmissionResult Rejected(SubmitCreditRecord message, string field, string error) =>
        Rejected(message, new Dictionary<string, string[]> { [field] = [error] });

    private static CreditRecordSubmissionResult Rejected(SubmitCreditRecord message, IReadOnlyDictionary<string, string[]> errors) =>
        new(message.SubmissionId, message.SourceUnit, message.Record?.SourceRecordId, "Rejected", Errors: errors);
}
