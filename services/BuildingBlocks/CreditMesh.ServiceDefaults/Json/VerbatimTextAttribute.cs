using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace CreditMesh.ServiceDefaults.Json;

/// <summary>
/// The text members of this request type are read as sent, because a domain validator checks each of them (control
/// characters and lengths included) and answers per item: a credit record in a batch is rejected alone, never the batch
/// (DESIGN §5). Everything else about the body (types, duplicate keys, other members) is checked as usual.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VerbatimTextAttribute : Attribute
{
    /// <summary>Contract modifier: text members of [VerbatimText] types skip <see cref="TextConverter"/>'s input checks.</summary>
    public static void Apply(JsonTypeInfo type)
    {
        if (type.Type.GetCustomAttribute<VerbatimTextAttribute>() is null) return;
        foreach (var property in type.Properties.Where(p => p.PropertyType == typeof(string)))
            property.CustomConverter = JsonMetadataServices.StringConverter;
    }
}
