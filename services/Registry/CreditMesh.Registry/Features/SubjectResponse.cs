using CreditMesh.Registry.Domain;

namespace CreditMesh.Registry.Features;

public sealed record LegalRepresentativeDto(string? Name, string? IdNumber);

public sealed record LegacyCodeDto(string Code, string Kind);

/// <summary>A subject's profile as the API shows it (resident ID numbers are masked on the way out, ADR 0012).</summary>
public sealed record SubjectResponse(string Code, string Kind, string Name, LegalRepresentativeDto? LegalRepresentative,
    IReadOnlyList<LegacyCodeDto> LegacyCodes, bool Provisional, bool Deregistered, long Version)
{
    public static SubjectResponse From(Subject subject, long version) => new(
        subject.Code,
        subject.Kind.ToString(),
        subject.Name,
        subject.LegalRepresentative is { } rep ? new LegalRepresentativeDto(rep.Name, rep.IdNumber) : null,
        subject.LegacyCodes.Select(l => new LegacyCodeDto(l.Key, l.Value.ToString())).OrderBy(l => l.Code, StringComparer.Ordinal).ToList(),
        subject.Provisional,
        subject.Deregistered,
        version);
}
