using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Maps event CLR types to stable stored type names and (de)serializes their data.
/// A type name is part of the stored history, so renaming a class must keep its registered name.
/// </summary>
public sealed class EventSerializer
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = new();
    private readonly HashSet<Type> _writtenCanonically = [];

    public static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Members in ordinal order: for most event types the serialized text is then already the
            // canonical form the hash chain needs (see CanonicalForm), and canonicalizing is skipped.
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { CanonicalForm.SortMembers } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>Registers an event type under its own name in kebab case (e.g. subject-registered).</summary>
    public EventSerializer Register<T>(string? name = null) => Register(typeof(T), name);

    public EventSerializer Register(Type type, string? name = null)
    {
        name ??= ToKebabCase(type.Name);
        if (_byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event type name '{name}' is already used by {existing.FullName}.");
        _byName[name] = type;
        _byType[type] = name;
        if (CanonicalForm.IsWrittenCanonically(type)) _writtenCanonically.Add(type);
        return this;
    }

    /// <summary>True when <see cref="Serialize"/> already yields the canonical form for this type.</summary>
    public bool WritesCanonically(Type type) => _writtenCanonically.Contains(type);

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"Event type {type.FullName} is not registered with the event store.");

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), JsonOptions);

    public object Deserialize(string typeName, string json) =>
        _byName.TryGetValue(typeName, out var type)
            ? JsonSerializer.Deserialize(json, type, JsonOptions)!
            : new UnknownEvent(typeName, json);

    public static string SerializeMetadata(EventMetadata metadata) => JsonSerializer.Serialize(metadata, JsonOptions);

    public static EventMetadata DeserializeMetadata(string json) =>
        JsonSerializer.Deserialize<EventMetadata>(json, JsonOptions) ?? EventMetadata.None;

    internal static string ToKebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
