using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Tamper evidence (DESIGN §3.5): hash = SHA-256(previous hash of the stream ‖ canonical bytes of the event):
/// previous hash ‖ UTF-8("streamId\nversion\ntype\nunix-microseconds\n" + canonical(data) + "\n" + canonical(metadata)),
/// with canonical JSON as defined by <see cref="CanonicalForm"/>. This layout is a stored format:
/// changing it invalidates every chain already written. Events imported from the first store (scheme 1) were
/// hashed over that store's metadata JSON, kept beside their hash; events written through Marten (scheme 2)
/// are hashed over <see cref="MetadataJson"/> of Marten's correlation, causation and header columns.
/// </summary>
public static class HashChain
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>The hash of an event as read back from the store (both JSON texts are canonicalized).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previousHash, string streamId, long version, string type,
        DateTimeOffset createdAt, string dataJson, string metadataJson) =>
        Compute(previousHash, streamId, version, type, createdAt, CanonicalForm.Canonicalize(dataJson), CanonicalForm.Canonicalize(metadataJson), true);

    /// <summary>The hash of an event being written; <paramref name="canonical"/> says the JSON texts are canonical already.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previousHash, string streamId, long version, string type,
        DateTimeOffset createdAt, string dataJson, string metadataJson, bool canonical)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        buffer.Write(previousHash);
        WriteUtf8(buffer, string.Create(CultureInfo.InvariantCulture, $"{streamId}\n{version}\n{type}\n{ToUnixMicroseconds(createdAt)}\n"));
        if (canonical) WriteUtf8(buffer, dataJson);
        else CanonicalForm.Write(dataJson, buffer);
        buffer.Write("\n"u8);
        WriteUtf8(buffer, metadataJson);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>
    /// The canonical metadata of a Marten event (scheme 2): {"causationId","correlationId","headers":{…}} with
    /// members in ordinal order and absent values left out, built the same way when writing and when verifying.
    /// </summary>
    public static string MetadataJson(string? correlationId, string? causationId, IEnumerable<KeyValuePair<string, string?>> headers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = EventJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            if (causationId is not null) writer.WriteString("causationId", causationId);
            if (correlationId is not null) writer.WriteString("correlationId", correlationId);
            var present = headers.Where(h => h.Value is not null).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
            if (present.Count > 0)
            {
                writer.WriteStartObject("headers");
                foreach (var (key, value) in present) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>PostgreSQL keeps timestamps to the microsecond; the hash uses exactly what is stored.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    private static void WriteUtf8(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
