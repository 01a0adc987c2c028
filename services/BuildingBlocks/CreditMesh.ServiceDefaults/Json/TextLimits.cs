using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// Length limits of the HTTP API (ADR 0012). A request member declares its limit with [MaxLength] — characters for text
/// (Unicode code points, as PostgreSQL counts them), items for a list — which the OpenAPI document shows as maxLength or
/// maxItems and <see cref="Enforce"/> checks while the body is read; text without its own limit has <see cref="Default"/>.
/// </summary>
public static class TextLimits
{
    /// <summary>Codes and ids: a credit code is 18, a record id 36, a source record id 64.</summary>
    public const int Identifier = 64;

    /// <summary>Names of subjects, people, authorities; document numbers; short labels.</summary>
    public const int Name = 200;

    /// <summary>Why something was done (revocation, removal, denial, deregistration, a measure not applied).</summary>
    public const int Reason = 1000;

    /// <summary>Statements: a credit commitment, an objection's grounds, facts (DESIGN §7: ≤ 4,000).</summary>
    public const int Statement = 4000;

    /// <summary>Any other text.</summary>
    public const int Default = Statement;

    public static int Length(string text) => text.Length <= Default ? text.Length : text.EnumerateRunes().Count();

    /// <summary>Contract modifier: every [MaxLength] member is checked once its object is read; too long is a <see cref="JsonException"/>.</summary>
    public static void Enforce(JsonTypeInfo type)
    {
        var limited = type.Properties
            .Select(p => (Property: p, Limit: p.AttributeProvider?.GetCustomAttributes(typeof(MaxLengthAttribute), true).OfType<MaxLengthAttribute>().FirstOrDefault()))
            .Where(p => p.Limit is not null && p.Property.Get is not null)
            .Select(p => (Name: p.Property.Name, Get: p.Property.Get!, p.Limit!.Length))
            .ToList();
        if (limited.Count == 0) return;
        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (name, get, limit) in limited)
                switch (get(value))
                {
                    case string text when Length(text) > limit:
                        throw new MemberJsonException(name, $"{name} has at most {limit} characters; this one has {Length(text)}.");
                    case ICollection items when items.Count > limit:
                        throw new MemberJsonException(name, $"{name} has at most {limit} items; this one has {items.Count}.");
                }
        };
    }
}

/// <summary>A refusal found after an object was read: the serializer gives the object's path, <see cref="Member"/> the rest.</summary>
public sealed class MemberJsonException(string member, string message) : JsonException(message)
{
    public string Member { get; } = member;
}
