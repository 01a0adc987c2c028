using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;

namespace CreditMesh.Registry.Domain;

/// <summary>
/// Who asks for a change to a subject: a member unit (its code) or the credit centre. Only the unit that registered a
/// subject, or the credit centre, updates it, links codes to it or deregisters it (DESIGN §7).
/// </summary>
public sealed record Registrar(string? Unit, bool IsCreditCenter)
{
    /// <summary>A subject whose registrant is not known (registered by the credit centre, or before registrants were kept) is the centre's alone.</summary>
    public bool MayChange(Subject subject) => IsCreditCenter || (Unit is not null && subject.RegisteredBy == Unit);

    /// <summary>The registrant a registration by this party records: its unit; none when the credit centre registers.</summary>
    public string? Registers => IsCreditCenter ? null : Unit;
}

/// <summary>Register a subject with its optional legal representative and legacy codes (already validated); By is null for a provisional one.</summary>
public sealed record RegisterSubject(string Code, SubjectKind Kind, string Name, LegalRepresentative? LegalRepresentative,
    IReadOnlyList<(string Code, LegacyCodeKind Kind)> LegacyCodes, bool Provisional, DateTimeOffset At, Registrar? By = null);

public sealed record UpdateSubject(string Name, LegalRepresentative? LegalRepresentative, DateTimeOffset At);

public sealed record DeregisterSubject(string Reason, DateTimeOffset At);

/// <summary>Pure decisions on a subject stream: no I/O, time comes from the command.</summary>
public static class SubjectDecider
{
    public static readonly Decision NotTheRegistrant = Decision.Forbidden("code",
        "Only the unit that registered this subject, or the credit centre, may change it, link codes to it or deregister it.");

    public static Decision Register(Subject? current, RegisterSubject command)
    {
        if (current is null)
        {
            var events = new List<object>
            {
                new SubjectRegistered(command.Code, command.Kind, command.Name, command.LegalRepresentative, command.Provisional, command.At,
                    command.By?.Registers),
            };
            events.AddRange(command.LegacyCodes.Select(l => new LegacyCodeLinked(command.Code, l.Code, l.Kind, command.At)));
            return new Decision.Append(events);
        }
        if (current.Deregistered) return Decision.Conflict("code", $"Subject {current.Code} is deregistered.");
        if (current.Kind != command.Kind)
            return Decision.Conflict("kind", $"Subject {current.Code} is registered as {current.Kind}, not {command.Kind}.");

        // A provisional subject (first seen in a credit record) only learns from records; a unit's registration confirms it,
        // and that unit becomes its registrant (ADR 0012).
        if (command.Provisional) return new Decision.Unchanged();
        var changes = new List<object>();
        if (current.Provisional || current.Name != command.Name || current.LegalRepresentative != command.LegalRepresentative)
        {
            if (!current.Provisional)
                return Decision.Conflict("code", $"Subject {current.Code} is already registered with other details; update it instead.");
            changes.Add(new SubjectUpdated(command.Code, command.Name, command.LegalRepresentative, Provisional: false, command.At, command.By?.Registers));
        }
        var newCodes = command.LegacyCodes.Where(l => !current.LegacyCodes.ContainsKey(l.Code)).ToList();
        // Registering again with more legacy codes links them: only the registrant may (a confirmation makes the caller it).
        if (newCodes.Count > 0 && !current.Provisional && command.By is { } by && !by.MayChange(current)) return NotTheRegistrant;
        changes.AddRange(newCodes.Select(l => new LegacyCodeLinked(command.Code, l.Code, l.Kind, command.At)));
        return changes.Count == 0 ? new Decision.Unchanged() : new Decision.Append(changes);
    }

    public static Decision Update(Subject current, UpdateSubject command)
    {
        if (current.Deregistered) return Decision.Conflict("code", $"Subject {current.Code} is deregistered.");
        if (current.Name == command.Name && current.LegalRepresentative == command.LegalRepresentative && !current.Provisional)
            return new Decision.Unchanged();
        return new Decision.Append([new SubjectUpdated(current.Code, command.Name, command.LegalRepresentative, Provisional: false, command.At)]);
    }

    public static Decision LinkLegacyCode(Subject current, string legacyCode, LegacyCodeKind kind, DateTimeOffset at)
    {
        if (current.Deregistered) return Decision.Conflict("code", $"Subject {current.Code} is deregistered.");
        return current.LegacyCodes.ContainsKey(legacyCode)
            ? new Decision.Unchanged()
            : new Decision.Append([new LegacyCodeLinked(current.Code, legacyCode, kind, at)]);
    }

    public static Decision Deregister(Subject current, DeregisterSubject command) =>
        current.Deregistered
            ? new Decision.Unchanged()
            : new Decision.Append([new SubjectDeregistered(current.Code, command.Reason, command.At)]);
}
