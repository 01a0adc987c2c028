using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;

namespace CreditMesh.Registry.Domain;

/// <summary>A credit subject's current state, folded from its stream.</summary>
public sealed record Subject(
    string Code,
    SubjectKind Kind,
    string Name,
    LegalRepresentative? LegalRepresentative,
    IReadOnlyDictionary<string, LegacyCodeKind> LegacyCodes,
    bool Provisional,
    bool Deregistered,
    string? RegisteredBy = null) : IAggregate<Subject>
{
    public static string StreamId(string code) => $"subject-{code}";

    public static Subject Create(object firstEvent) => firstEvent switch
    {
        SubjectRegistered e => new Subject(e.Code, e.Kind, e.Name, e.LegalRepresentative, new Dictionary<string, LegacyCodeKind>(), e.Provisional, false,
            e.RegisteredBy),
        _ => throw new InvalidOperationException($"A subject stream cannot start with {firstEvent.GetType().Name}."),
    };

    public Subject Apply(object @event) => @event switch
    {
        SubjectUpdated e => this with
        {
            Name = e.Name, LegalRepresentative = e.LegalRepresentative, Provisional = e.Provisional, RegisteredBy = e.RegisteredBy ?? RegisteredBy,
        },
        LegacyCodeLinked e => this with { LegacyCodes = new Dictionary<string, LegacyCodeKind>(LegacyCodes) { [e.LegacyCode] = e.Kind } },
        SubjectDeregistered => this with { Deregistered = true },
        _ => this,
    };
}
