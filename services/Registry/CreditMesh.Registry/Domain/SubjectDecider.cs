using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;

namespace CreditMesh.Registry.Domain;

/// <summary>Register a subject with its optional legal representative and legacy codes (already validated).</summary>
public sealed record RegisterSubject(string Code, SubjectKind Kind, string Name, LegalRepresentative? LegalRepresentative,
    IReadOnlyList<(string Code, LegacyCodeKind Kind)> LegacyCodes, bool Provisional, DateTimeOffset At);

public sealed record UpdateSubject(string Name, LegalRepresentative? LegalRepresentative, DateTimeOffset At);

public sealed record DeregisterSubject(string Reason, DateTimeOffset At);

/// <summary>Pure decisions on a subject stream: no I/O, time comes from the command.</summary>
public static class SubjectDecider
{
    public static Decision Register(Subject? current, RegisterSubject command)
    {
        if (current is null)
        {
            var events = new List<object>
            {
                new SubjectRegistered(command.Code, command.Kind, command.Name, command.LegalRepresentative, command.Provisional, command.At),
            };
            events.AddRange(command.LegacyCodes.Select(l => new LegacyCodeLinked(command.Code, l.Code, l.Kind, command.At)));
            return new Decision.Append(events);
        }
        if (current.Deregistered) return Decision.Conflict("code", $"Subject {current.Code} is deregistered.");
        if (current.Kind != command.Kind)
            return Decision.Conflict("kind", $"Subject {current.Code} is registered as {current.Kind}, not {command.Kind}.");

        // A provisional subject (first seen in a credit record) only learns from records; a unit's registration confirms it.
        if (command.Provisional) return new Decision.Unchanged();
        var changes = new List<object>();
        if (current.Provisional || current.Name != command.Name || current.LegalRepresentative != command.LegalRepresentative)
        {
            if (!current.Provisional)
                return Decision.Conflict("code", $"Subject {current.Code} is already registered with other details; update it instead.");
            changes.Add(new SubjectUpdated(command.Code, command.Name, command.LegalRepresentative, Provisional: false, command.At));
        }
        changes.AddRange(command.LegacyCodes.Where(l => !current.LegacyCodes.ContainsKey(l.Code))
            .Select(l => new LegacyCodeLinked(command.Code, l.Code, l.Kind, command.At)));
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
