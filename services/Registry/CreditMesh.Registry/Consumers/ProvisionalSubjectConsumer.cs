using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;
using CreditMesh.Registry.Features;
using MassTransit;
using Npgsql;

namespace CreditMesh.Registry.Consumers;

/// <summary>
/// A subject first seen in a credit record becomes a provisional subject (valid code, name from the
/// record), so the record is never rejected for an unknown subject; a unit's registration confirms it later.
/// Records come in batches (DESIGN §6 throughput): subjects already known are skipped with one read (a
/// provisional registration never changes a known subject), the new ones start in one transaction per
/// request (correlation), each with its inbox claim; if another writer got there first, each record of
/// that group is decided alone as before.
/// </summary>
public sealed class ProvisionalSubjectConsumer(SubjectRepository subjects, EventStore store, ILogger<ProvisionalSubjectConsumer> logger)
    : IConsumer<Batch<CreditRecordAccepted>>
{
    private sealed record Registration(CreditRecordAccepted Record, RegisterSubject Command);

    public async Task Consume(ConsumeContext<Batch<CreditRecordAccepted>> context)
    {
        var ct = context.CancellationToken;
        var registrations = context.Message.Select(m => Read(m.Message)).OfType<Registration>()
            .DistinctBy(r => r.Command.Code, StringComparer.Ordinal).ToList();
        if (registrations.Count == 0) return;
        var known = await KnownAsync(registrations.Select(r => Subject.StreamId(r.Command.Code)).ToArray(), ct);
        foreach (var group in registrations.Where(r => !known.Contains(Subject.StreamId(r.Command.Code)))
                     .GroupBy(r => (r.Record.CorrelationId, r.Record.Actor)))
        {
            try
            {
                await RegisterTogetherAsync([.. group], ct);
            }
            catch (EventStoreException)
            {
                // A subject of this group was registered meanwhile (a unit, or another batch): one by one, as before.
                foreach (var registration in group) await RegisterAloneAsync(registration, ct);
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

    private async Task<HashSet<string>> KnownAsync(string[] streamIds, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand("select id from streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) known.Add(reader.GetString(0));
        return known;
    }

    private async Task RegisterTogetherAsync(IReadOnlyList<Registration> group, CancellationToken ct)
    {
        await using var session = store.OpenSession(Metadata(group[0].Record, group.Count == 1));
        foreach (var (record, command) in group)
        {
            if (!await session.TryClaimInboxAsync(nameof(ProvisionalSubjectConsumer), record.EventId, ct)) continue;
            if (SubjectDecider.Register(null, command) is Decision.Append append)
                session.Events.StartStream<Subject>(Subject.StreamId(command.Code), [.. append.Events]);
        }
        await session.SaveChangesAsync(ct);
    }

    private Task RegisterAloneAsync(Registration registration, CancellationToken ct) =>
        subjects.DecideAsync(registration.Command.Code, s => SubjectDecider.Register(s, registration.Command), Metadata(registration.Record, alone: true), ct,
            inbox: (nameof(ProvisionalSubjectConsumer), registration.Record.EventId));

    /// <summary>The request's correlation and actor; the causing record only when there is one.</summary>
    private static EventMetadata Metadata(CreditRecordAccepted record, bool alone) =>
        new(record.CorrelationId, alone ? record.EventId.ToString() : null, record.Actor is { } a ? new EventActor(a.Unit, a.User, a.Role) : null);
}
