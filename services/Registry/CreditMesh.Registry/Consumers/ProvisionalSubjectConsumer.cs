using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;
using CreditMesh.Registry.Features;
using MassTransit;

namespace CreditMesh.Registry.Consumers;

/// <summary>
/// A subject first seen in a credit record becomes a provisional subject (valid code, name from the
/// record), so the record is never rejected for an unknown subject; a unit's registration confirms it later.
/// </summary>
public sealed class ProvisionalSubjectConsumer(SubjectRepository subjects, ILogger<ProvisionalSubjectConsumer> logger)
    : IConsumer<CreditRecordAccepted>
{
    public async Task Consume(ConsumeContext<CreditRecordAccepted> context)
    {
        var record = context.Message;
        if (!Enum.TryParse<SubjectKind>(record.SubjectKind, out var kind) || !Enum.IsDefined(kind)
            || SubjectCode.Validate(record.SubjectCode, kind) is not { IsValid: true } code)
        {
            // Ingestion validated it already; a record we cannot read is logged, not retried forever.
            logger.LogWarning("Record {RecordId} names a subject the registry cannot register (kind {Kind})", record.RecordId, record.SubjectKind);
            return;
        }
        var representative = record.LegalRepresentativeName is { } name && record.LegalRepresentativeIdNumber is { } id
            && ResidentIdNumber.Validate(id).IsValid ? new LegalRepresentative(name, id) : null;
        var command = new RegisterSubject(code.Normalized, kind, record.SubjectName, representative, [], Provisional: true, record.OccurredAt.ToUniversalTime());
        var metadata = new EventMetadata(record.CorrelationId, record.EventId.ToString(),
            record.Actor is { } a ? new EventActor(a.Unit, a.User, a.Role) : null);
        await subjects.DecideAsync(command.Code, s => SubjectDecider.Register(s, command), metadata, context.CancellationToken,
            inbox: (nameof(ProvisionalSubjectConsumer), record.EventId));
    }
}
