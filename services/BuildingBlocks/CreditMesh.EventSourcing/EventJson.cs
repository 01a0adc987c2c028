using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CreditMesh.EventSourcing;

/// <summary>
/// How events, headers and archived payloads are written as JSON: web names, unescaped Chinese text, no nulls,
/// enums as strings, and members in ordinal order — so for most event types the text Marten stores is already
/// the canonical form the hash chain is computed over (see <see cref="CanonicalForm"/>).
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { CanonicalForm.SortMembers } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>The stored name of an event type: its class name in kebab case (SubjectRegistered → subject-registered).</summary>
    /// <remarks>A stored name is part of the history: renaming a class must keep its registered name.</remarks>
    public static string TypeName(Type type)
    {
        var name = type.Name;
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(name[i]));
            }
            else builder.Append(name[i]);
        }
        return builder.ToString();
    }
}
