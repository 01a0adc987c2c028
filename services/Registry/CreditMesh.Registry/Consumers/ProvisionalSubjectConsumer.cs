using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;
using CreditMesh.Messaging;
using CreditMesh.Registry.Projections;
using Marten;
using MassTransit;
using Npgsql;

namespace CreditMesh.Registry.Consumers;

/// <summary>
/// A subject first seen in a credit record becomes a provisional subject (valid code, name from the
/// record), so the record is never rejected for an unknown subject; a unit's registration confirms it later.
/// Records come in batches (DESIGN §6 throughput): subjects already known are skipped with one read (a
/// provisional registration never changes a known subject), the new ones start in one transaction per
/// request (correlation), with their inbox claims; if another writer got there first, each record of
/// that group is decided alone through the one write path.
/// </summary>
public sealed class ProvisionalSubjectConsumer(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<ProvisionalSubjectConsumer> logger)
    : IConsumer<EventBatch<CreditRecordAccepted>>
{
    private sealed record Registration(CreditRecordAccepted Record, RegisterSubject Command);

    public async Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> context)
    {
        var ct = context.CancellationToken;
        var inbox = context.InboxName();
        var registrations = context.Message.Events.Select(Read).OfType<Registration>()
            .DistinctBy(r => r.Command.Code, StringComparer.Ordinal).ToList();
        if (registrations.Count == 0) return;
        var known = await SubjectQueries.ExistingStreamsAsync(dataSource, registrations.Select(r => Subject.StreamId(r.Command.Code)).ToArray(), ct);
        foreach (var group in registrations.Where(r => !known.Contains(Subject.StreamId(r.Command.Code)))
                     .GroupBy(r => (r.Record.CorrelationId, r.Record.Actor)))
        {
            try
            {
                await RegisterTogetherAsync(inbox, [.. group], ct);
            }
            catch (Exception e) when (StreamWriting.IsConcurrency(e))
            {
                // A subject of this group was registered meanwhile (a unit, or another batch): one by one, as before.
                foreach (var (record, command) in group)
                    await store.DecideAsync<Subject>(Subject.StreamId(command.Code), s => SubjectDecider.Register(s, command),
                        CausedBy.Metadata(record), ct, inbox: new InboxClaim(inbox, record.EventId));
            }
        }
    }

    private Registration? Read(CreditRecordAccepted record)
    {
        if (!Enum.TryParse<SubjectKind>(record.SubjectKind, out var kind) || !Enum.IsDefined(kind)
            || SubjectCode.Validate(record.SubjectCode, kind) is not { IsValid: true } code)
        {
            // Ingestion validated it already; a record we cannot read is logged, not retried forever.
            logger.LogWarning("Record {RecordId} names a subject the registry cannot register (kind {Kind})", record.RecordId, record.SubjectKind);
            return null;
        }
        var representative = record.LegalRepresentativeName is { } name && record.LegalRepresentativeIdNumber is { } id
            && ResidentIdNumber.Validate(id).IsValid ? new LegalRepresentative(name, id) : null;
        return new Registration(record, new RegisterSubject(code.Normalized, kind, record.SubjectName, representative, [], Provisional: true,
            record.OccurredAt.ToUniversalTime()));
    }

    private async Task RegisterTogetherAsync(string inbox, IReadOnlyList<Registration> group, CancellationToken ct)
    {
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata([.. group.Select(g => (IIntegrationEvent)g.Record)]), ct);
        var claimed = await session.ClaimAsync(inbox, group.Select(r => r.Record.EventId).ToList(), ct);
        foreach (var (record, command) in group.Where(r => claimed.Contains(r.Record.EventId)))
            if (SubjectDecider.Register(null, command) is Decision.Append append)
                session.AppendAt<Subject>(Subject.StreamId(command.Code), 0, [.. append.Events]);
        await session.CommitAsync(ct);
    }
}
