using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CreditMesh.Calendar;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Identifiers;
using CreditMesh.Lists.Domain;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditMesh.Lists.Features;

/// <summary>
/// POST /api/v1/list-entries/imports (DESIGN §4.10, §5.2): the credit centre imports a list the national platform issued, up to
/// 1,000 items. Each valid item becomes an Active entry at once, determined by the issuing national body; an item imported before
/// (same national id) is a Duplicate; invalid items are Rejected with their errors and do not hold the valid ones back.
/// </summary>
public static class NationalImportApi
{
    public const int MaxItems = 1000;

    public sealed record ImportItem([property: MaxLength(TextLimits.Identifier)] string? NationalId,
        [property: MaxLength(TextLimits.Identifier)] string? ListType, [property: MaxLength(TextLimits.Identifier)] string? SubjectCode,
        [property: MaxLength(TextLimits.Name)] string? SubjectName, [property: MaxLength(TextLimits.Name)] string? IssuedBy,
        [property: MaxLength(TextLimits.Reason)] string? Basis, [property: MaxLength(TextLimits.Identifier)] string? ValidFrom,
        [property: MaxLength(TextLimits.Identifier)] string? ValidUntil);
    public sealed record ImportRequest([property: MaxLength(MaxItems)] IReadOnlyList<ImportItem?>? Items);
    public sealed record ItemResult(int Index, string? NationalId, string Status, string? ListEntryId = null,
        IReadOnlyDictionary<string, string[]>? Errors = null);
    public sealed record ImportResponse(IReadOnlyList<ItemResult> Results);

    public static IEndpointRouteBuilder MapNationalImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/list-entries/imports", ImportAsync).RequireRoles(Roles.CreditCenter).WithAccessLog("list-import")
            .WithTags("List entries");
        return app;
    }

    private static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportAsync(ImportRequest? body, HttpContext http, SubjectLists lists,
        DeterminationRules rules, TimeProvider time, CancellationToken ct)
    {
        if (body?.Items is not { Count: > 0 } items)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["items"] = [$"items must hold 1 to {MaxItems} national list items."] });
        var metadata = http.ToEventMetadata();
        var results = new List<ItemResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (entry, subject, errors) = Validate(items[i], rules, time.GetUtcNow());
            var nationalId = items[i]?.NationalId?.Trim();
            if (entry is null)
            {
                results.Add(new ItemResult(i, nationalId, "Rejected", Errors: errors));
                continue;
            }
            results.Add(await ImportOneAsync(lists, i, entry, subject!, metadata, ct));
        }
        return TypedResults.Ok(new ImportResponse(results));
    }

    /// <summary>One item, one transaction with the subject's other entries (the lists' write path); an id seen before is a Duplicate.</summary>
    private static async Task<ItemResult> ImportOneAsync(SubjectLists lists, int index, NationalEntry entry, string subject,
        EventSourcing.EventMetadata metadata, CancellationToken ct)
    {
        var id = ListEntryIds.ForNational(entry.NationalId);
        var (existing, _) = await lists.LoadAsync(id, ct);
        if (existing is null)
        {
            try
            {
                await lists.DecideAsync(subject, metadata, null, null, (facts, now) => lists.Decider.Import(facts, entry, now), ct);
                return new ItemResult(index, entry.NationalId, "Imported", id);
            }
            catch (Exception e) when (EventSourcing.StreamWriting.IsConcurrency(e))
            {
                (existing, _) = await lists.LoadAsync(id, ct); // imported meanwhile by another request
            }
        }
        return existing is not null && existing.SubjectCode == subject && existing.ListType == entry.ListType
            ? new ItemResult(index, entry.NationalId, "Duplicate", id)
            : new ItemResult(index, entry.NationalId, "Rejected", Errors: new Dictionary<string, string[]>
            {
                ["nationalId"] = ["This national id was imported before for another subject or list."],
            });
    }

    private static (NationalEntry? Entry, string? Subject, Dictionary<string, string[]> Errors) Validate(ImportItem? item, DeterminationRules rules,
        DateTimeOffset now)
    {
        var today = ChinaTime.DayOf(now);
        var errors = new Dictionary<string, string[]>();
        if (item is null) return (null, null, new() { [""] = ["The item must be an object."] });
        string Required(string? value, string field, string what)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} is required: {what}."];
            return value?.Trim() ?? "";
        }
        var nationalId = Required(item.NationalId, "nationalId", "the national platform's id of the entry");
        var subjectName = Required(item.SubjectName, "subjectName", "the subject's name as the national list gives it");
        var issuedBy = Required(item.IssuedBy, "issuedBy", "the national body that issued the list");
        var basis = Required(item.Basis, "basis", "the national document or decision the entry rests on");
        ListType listType = default;
        if (item.ListType is null || !Enum.TryParse(item.ListType.Trim(), ignoreCase: false, out listType) || !Enum.IsDefined(listType))
            errors["listType"] = [$"listType must be one of {string.Join(", ", Enum.GetNames<ListType>())}."];
        var code = SubjectCode.ValidateAnyKind(item.SubjectCode);
        if (!code.IsValid) errors["subjectCode"] = [code.Error!];
        var validFrom = Date(item.ValidFrom, "validFrom", errors);
        if (validFrom is null && !errors.ContainsKey("validFrom")) errors["validFrom"] = ["validFrom is required: the day the entry took effect."];
        else if (validFrom > today) errors["validFrom"] = ["validFrom must not be in the future: an imported entry is active at once."];
        var validUntil = Date(item.ValidUntil, "validUntil", errors);
        if (validUntil is { } last && validFrom is { } first && last < first) errors["validUntil"] = ["validUntil must not be before validFrom."];
        else if (validUntil < today) errors["validUntil"] = ["validUntil is past: the entry has already expired."];
        if (errors.Count > 0) return (null, null, errors);
        var entry = new NationalEntry(nationalId, listType, subjectName, issuedBy, basis, validFrom!.Value, validUntil);
        if (entry.ValidUntilInstant(rules) <= now)
            return (null, null, new() { ["validUntil"] = ["The entry's validity (given, or the list's default from validFrom) has already ended."] });
        return (entry, code.Normalized, errors);
    }

    private static DateOnly? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"{field} must be a date as YYYY-MM-DD."];
        return null;
    }
}
