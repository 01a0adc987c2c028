using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.Ingestion.Domain.Records;

public enum RecordStatus { Active, Corrected, Revoked }

/// <summary>A credit record's current state, folded from its stream.</summary>
public sealed record CreditRecordState(string RecordId, string SourceUnit, CreditRecord Record, string Fingerprint, RecordStatus Status,
    bool Late, PublicityWindow Publicity, bool UnderObjection, bool DisclosureEnded = false) : IAggregate<CreditRecordState>
{
    public static CreditRecordState Create(object firstEvent) => firstEvent switch
    {
        RecordAccepted e => new CreditRecordState(e.RecordId, e.SourceUnit, e.Record, e.Fingerprint, RecordStatus.Active, e.Late, e.Publicity, false),
        _ => throw new InvalidOperationException($"A record stream cannot start with {firstEvent.GetType().Name}."),
    };

    public CreditRecordState Apply(object @event) => @event switch
    {
        RecordCorrected e => this with { Record = e.Record, Fingerprint = e.Fingerprint, Publicity = e.Publicity, Status = RecordStatus.Corrected },
        RecordRevoked => this with { Status = RecordStatus.Revoked },
        RecordDisclosureEnded => this with { DisclosureEnded = true },
        _ => this,
    };

    /// <summary>Shown to the public on that day: its window covers the day and it was neither revoked nor taken out of disclosure (repair).</summary>
    public bool IsDisclosedOn(DateOnly day) => Status != RecordStatus.Revoked && !DisclosureEnded && Publicity.IsDisclosedOn(day);
}

/// <summary>What a submission of a record leads to (idempotent on sourceUnit + sourceRecordId, DESIGN §4.2).</summary>
public abstract record SubmissionOutcome
{
    public sealed record Accept(RecordAccepted Event) : SubmissionOutcome;
    /// <summary>The same content again: answer with the existing record.</summary>
    public sealed record Duplicate(CreditRecordState Existing) : SubmissionOutcome;
    /// <summary>Different content under a key that exists: refused unless sent as a correction.</summary>
    public sealed record Conflict(CreditRecordState Existing) : SubmissionOutcome;
}

/// <summary>Pure decisions on a record stream: no I/O; the receiving day and instant come from the caller.</summary>
public static class RecordDecider
{
    /// <summary>A correction keeps the record's key; a revoked record takes no more changes; the same content changes nothing.</summary>
    public static Decision Correct(CreditRecordState current, CreditRecord corrected, PublicityWindow publicity, string reason, DateTimeOffset at)
    {
        if (current.Status == RecordStatus.Revoked) return Decision.Conflict("recordId", "The record is revoked and takes no corrections.");
        if (corrected.SourceRecordId != current.Record.SourceRecordId)
            return Decision.Conflict("record.sourceRecordId", $"A correction keeps the record's key {current.Record.SourceRecordId}.");
        var fingerprint = RecordFingerprint.Of(corrected);
        return fingerprint == current.Fingerprint
            ? new Decision.Unchanged()
            : Decision.Of(new RecordCorrected(current.RecordId, corrected, fingerprint, publicity, reason, at));
    }

    /// <summary>Ends disclosure once; a record never disclosed, already ended or revoked needs no event.</summary>
    public static Decision EndDisclosure(CreditRecordState current, string reason, DateTimeOffset at) =>
        current.DisclosureEnded || !current.Publicity.Disclosed || current.Status == RecordStatus.Revoked
            ? new Decision.Unchanged()
            : Decision.Of(new RecordDisclosureEnded(current.RecordId, current.Record.Subject.Code, reason, at));

    public static Decision Revoke(CreditRecordState current, string reason, DateTimeOffset at, string? objectionId = null) =>
        current.Status == RecordStatus.Revoked ? new Decision.Unchanged()
            : Decision.Of(new RecordRevoked(current.RecordId, current.Record.Subject.Code, reason, at, objectionId));

    public static SubmissionOutcome Submit(CreditRecordState? existing, string sourceUnit, CreditRecord record, bool late,
        PublicityWindow publicity, DateOnly receivedOn, DateTimeOffset at)
    {
        var fingerprint = RecordFingerprint.Of(record);
        if (existing is not null)
            return existing.Fingerprint == fingerprint ? new SubmissionOutcome.Duplicate(existing) : new SubmissionOutcome.Conflict(existing);
        var recordId = RecordIds.For(sourceUnit, record.SourceRecordId);
        return new SubmissionOutcome.Accept(new RecordAccepted(recordId, sourceUnit, record, fingerprint, late, publicity, receivedOn, at));
    }
}
