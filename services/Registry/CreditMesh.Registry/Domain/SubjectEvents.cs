using CreditMesh.Identifiers;

namespace CreditMesh.Registry.Domain;

/// <summary>法定代表人: the person who legally represents an organisation (their resident ID number is personal data).</summary>
public sealed record LegalRepresentative(string Name, string IdNumber);

/// <summary>
/// A credit subject (信用主体) entered the registry: registered by a unit, or provisionally from a credit record.
/// <see cref="RegisteredBy"/> is the registering member unit, the only one besides the credit centre that may change the
/// subject (DESIGN §7); null when the credit centre registered it, while it is provisional, and in events written before.
/// </summary>
public sealed record SubjectRegistered(string Code, SubjectKind Kind, string Name, LegalRepresentative? LegalRepresentative,
    bool Provisional, DateTimeOffset RegisteredAt, string? RegisteredBy = null);

/// <summary>
/// Name or legal representative changed; a provisional subject becomes registered when a unit registers it, and that unit
/// (<see cref="RegisteredBy"/>, set only then) becomes its registrant.
/// </summary>
public sealed record SubjectUpdated(string Code, string Name, LegalRepresentative? LegalRepresentative, bool Provisional,
    DateTimeOffset UpdatedAt, string? RegisteredBy = null);

/// <summary>转码/映射: a legacy identifier (registration number, organisation code, tax number) now points at this subject.</summary>
public sealed record LegacyCodeLinked(string Code, string LegacyCode, LegacyCodeKind Kind, DateTimeOffset LinkedAt);

/// <summary>The subject ceased to exist (注销); its history stays.</summary>
public sealed record SubjectDeregistered(string Code, string Reason, DateTimeOffset DeregisteredAt);
