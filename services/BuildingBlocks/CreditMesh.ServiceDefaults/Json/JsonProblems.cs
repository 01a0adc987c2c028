using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// Turns a request that could not be read (bad JSON, a wrong type, a duplicate key, refused text, a query value of the
/// wrong format) into the field it concerns, as the client wrote it (<c>fineAmount</c>, <c>records[2].subject.name</c>,
/// <c>from</c>), and a message for people; null when the failure concerns no field.
/// </summary>
public static partial class JsonProblems
{
    public static (string Field, string Message)? Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json) return (Field(json), Message(json));
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
            return (bind.Groups["name"].Value, $"{bind.Groups["name"].Value} has the wrong format.");
        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, $"{missing.Groups["name"].Value} is required.");
        return null;
    }

    /// <summary>$.records[2].fineAmount → records[2].fineAmount; the body itself is "$".</summary>
    private static string Field(JsonException json)
    {
        var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
        if (json is MemberJsonException member) path = path.Length == 0 ? member.Member : $"{path}.{member.Member}";
        return path.Length == 0 ? "$" : path;
    }

    private static string Message(JsonException json)
    {
        // The serializer's own messages end in " Path: … | LineNumber: …" and name CLR types; ours are for people already.
        var text = json.Message;
        var at = text.IndexOf(" Path: ", StringComparison.Ordinal);
        if (at < 0 && !text.StartsWith("Duplicate property", StringComparison.Ordinal)) return text;
        if (text.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return "The value has the wrong JSON type for this field (for example text where a number or a list belongs).";
        if (text.StartsWith("Duplicate property", StringComparison.Ordinal))
            return "The field is given more than once in the same object; send each field once.";
        return "The body is not valid JSON here: " + (at < 0 ? text : text[..at]);
    }

    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]*\s)?(?<name>[^\s"]+)" from """)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?:[^"]*\s)?(?<name>[^\s"]+)" was not provided""")]
    private static partial Regex MissingParameter();
}
