using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// A record's id follows from its idempotency key (sourceUnit, sourceRecordId): the same key always names
/// the same stream, so two concurrent submissions of one record cannot both create it.
/// </summary>
public static class RecordIds
{
    public static string For(string sourceUnit, string sourceRecordId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceUnit}\n{sourceRecordId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (name-based, custom hash)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static string StreamId(string recordId) => $"record-{recordId}";
}
