using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Tamper evidence (DESIGN §3.5): hash = SHA-256(previous hash of the stream ‖ canonical bytes of the event):
/// previous hash ‖ UTF-8("streamId\nversion\ntype\nunix-microseconds\n" + canonical(data) + "\n" + canonical(metadata)),
/// with canonical JSON as defined by <see cref="CanonicalForm"/>. This layout is a stored format:
/// changing it invalidates every chain already written.
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
