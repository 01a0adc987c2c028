using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.Lists.Domain;

/// <summary>
/// An entry's id follows from what it is: the list, the subject and its basis records. A redelivered
/// record event or a repeated proposal therefore names the same stream and cannot make a second entry.
/// </summary>
public static class ListEntryIds
{
    public static string For(ListType listType, string subjectCode, IEnumerable<string> basisRecordIds)
    {
        var key = $"{listType}\n{subjectCode}\n{string.Join('\n', basisRecordIds.Order(StringComparer.Ordinal))}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (name-based, custom hash)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>An imported national entry is named by its national id alone, so importing it again names the same stream.</summary>
    public static string ForNational(string nationalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"national\n{nationalId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static string StreamId(string listEntryId) => $"list-entry-{listEntryId}";
}
