using CreditMesh.Registry.Domain;
using System.ComponentModel.DataAnnotations;
using CreditMesh.Identifiers;
using CreditMesh.ServiceDefaults.Json;

namespace CreditMesh.Registry.Features;

/// <summary>Field errors in the shape of ValidationProblem's "errors" (camelCase paths, e.g. legalRepresentative.idNumber).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) =>
        (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public string? Check(IdentifierCheck check, string field)
    {
        if (check.IsValid) return check.Normalized;
        Add(field, check.Error!);
        return null;
    }
}

public sealed record LegalRepresentativeRequest([property: MaxLength(TextLimits.Name)] string? Name,
    [property: MaxLength(TextLimits.Identifier)] string? IdNumber);

public sealed record RegisterSubjectRequest([property: MaxLength(TextLimits.Identifier)] string? Code,
    [property: MaxLength(TextLimits.Identifier)] string? Kind, [property: MaxLength(TextLimits.Name)] string? Name,
    LegalRepresentativeRequest? LegalRepresentative, [property: MaxLength(SubjectValidation.MaxLegacyCodes)] IReadOnlyList<string?>? LegacyCodes);

/// <summary>Turns request bodies into validated commands, collecting every field error at once.</summary>
public static class SubjectValidation
{
    public const int MaxNameLength = TextLimits.Name;

    /// <summary>A subject has a registration number, an organisation code and a tax number at most, several times over after mergers.</summary>
    public const int MaxLegacyCodes = 20;

    public static (RegisterSubject? Command, FieldErrors Errors) Register(RegisterSubjectRequest request, DateTimeOffset at, Registrar by)
    {
        var errors = new FieldErrors();
        SubjectKind? kind = Enum.TryParse<SubjectKind>(request.Kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (kind is null)
            errors.Add("kind", $"kind must be one of {string.Join(", ", Enum.GetNames<SubjectKind>())}.");
        var code = kind is { } k ? errors.Check(SubjectCode.Validate(request.Code, k), "code") : null;
        var name = Name(request.Name, "name", errors);
        var representative = Representative(request.LegalRepresentative, errors);
        var legacy = new List<(string, LegacyCodeKind)>();
        for (var i = 0; i < (request.LegacyCodes?.Count ?? 0); i++)
        {
            var input = request.LegacyCodes![i];
            if (LegacyCode.Classify(input) is not { } legacyKind)
            {
                errors.Add($"legacyCodes[{i}]", "Not a registration number (15 digits), organisation code (9 characters) or tax registration number (15 characters).");
                continue;
            }
            if (errors.Check(LegacyCode.Validate(input, legacyKind), $"legacyCodes[{i}]") is { } normalized) legacy.Add((normalized, legacyKind));
        }
        return errors.Any || code is null || kind is null || name is null
            ? (null, errors)
            : (new RegisterSubject(code, kind.Value, name, representative, legacy, Provisional: false, at, by), errors);
    }

    public static string? Name(string? input, string field, FieldErrors errors)
    {
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add(field, $"{field} is required.");
        else if (name.Length > MaxNameLength) errors.Add(field, $"{field} has at most {MaxNameLength} characters.");
        else return name;
        return null;
    }

    public static LegalRepresentative? Representative(LegalRepresentativeRequest? request, FieldErrors errors)
    {
        if (request is null) return null;
        var name = Name(request.Name, "legalRepresentative.name", errors);
        var id = errors.Check(ResidentIdNumber.Validate(request.IdNumber), "legalRepresentative.idNumber");
        return name is null || id is null ? null : new LegalRepresentative(name, id);
    }
}
