using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Identifiers;

namespace CreditMesh.Exchange.Domain.Subscriptions;

/// <summary>A subscription's terms once checked: callback, events, and the optional subject and list-type filters (codes normalized).</summary>
public sealed record SubscriptionTerms(string CallbackUrl, IReadOnlyList<string> Events, IReadOnlyList<string>? SubjectCodes,
    IReadOnlyList<string>? ListTypes)
{
    /// <summary>DESIGN §4.10: up to 100,000 subject codes per subscription.</summary>
    public const int MaxSubjectCodes = 100_000;

    /// <summary>Errors beyond this many are summarized, so a list of 100,000 bad codes does not make a 100,000-line answer.</summary>
    private const int MaxListedErrors = 20;

    /// <summary>Every field checked at once; errors name the field (and the index of a bad code).</summary>
    public static (SubscriptionTerms? Terms, Dictionary<string, string[]> Errors) Check(string? callbackUrl, IReadOnlyList<string?>? events,
        IReadOnlyList<string?>? subjectCodes, IReadOnlyList<string?>? listTypes, CallbackPolicy callbacks)
    {
        var errors = new Dictionary<string, string[]>();
        if (callbacks.Refusal(callbackUrl) is { } refused) errors["callbackUrl"] = [refused];
        var wanted = (events ?? []).Select(e => e?.Trim() ?? "").ToList();
        if (wanted.Count == 0) errors["events"] = [$"events must name at least one of {string.Join(", ", PushEvents.All)}."];
        for (var i = 0; i < wanted.Count; i++)
            if (!PushEvents.All.Contains(wanted[i])) errors[$"events[{i}]"] = [$"events must be among {string.Join(", ", PushEvents.All)}."];
        List<string>? codes = null;
        if (subjectCodes is not null)
        {
            if (subjectCodes.Count > MaxSubjectCodes) errors["subjectCodes"] = [$"subjectCodes holds at most {MaxSubjectCodes:N0} codes."];
            codes = [];
            var bad = 0;
            for (var i = 0; i < subjectCodes.Count && subjectCodes.Count <= MaxSubjectCodes; i++)
            {
                var check = SubjectCode.ValidateAnyKind(subjectCodes[i]);
                if (check.IsValid) codes.Add(check.Normalized);
                else if (++bad <= MaxListedErrors) errors[$"subjectCodes[{i}]"] = [check.Error!];
            }
            if (bad > MaxListedErrors) errors["subjectCodes"] = [$"{bad} codes are not valid subject codes; the first {MaxListedErrors} are listed."];
        }
        List<string>? lists = null;
        if (listTypes is not null)
        {
            lists = [];
            for (var i = 0; i < listTypes.Count; i++)
                if (Contracts.Vocabulary.ListTypes.All.Contains(listTypes[i]?.Trim())) lists.Add(listTypes[i]!.Trim());
                else errors[$"listTypes[{i}]"] = [$"listTypes must be among {string.Join(", ", Contracts.Vocabulary.ListTypes.All)}."];
        }
        if (errors.Count > 0) return (null, errors);
        return (new SubscriptionTerms(callbackUrl!.Trim(), [.. wanted.Distinct()], codes is null ? null : [.. codes.Distinct()],
            lists is null ? null : [.. lists.Distinct()]), errors);
    }
}
