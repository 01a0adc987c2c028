using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using CreditMesh.EventSourcing;

namespace CreditMesh.Registry.Domain.Archive;

/// <summary>The newest archived version of a source stream and its hash: where the next copy continues the chain.</summary>
public sealed record ArchiveHead(string SourceStream, long Version, byte[]? Hash);

/// <summary>An archived event as read back, with the hash stored beside it (null where it was never chained).</summary>
public sealed record ChainLink(ArchivedEvent Event, byte[]? Hash);

/// <summary>
/// The archive's tamper evidence (DESIGN §3.5, §4.6, ADR 0019): per source stream, hash = SHA-256(previous hash ‖ UTF-8 of
/// the canonical JSON object {actor, occurredAt (Unix microseconds), payload, sourceStream, sourceVersion, subjectCode,
/// summary, type}) — exactly what the history shows, so a changed summary, payload, time or order breaks the chain.
/// This layout is a stored format: changing it invalidates every chain already written.
/// </summary>
public static class ArchiveChain
{
    /// <summary>The hash of <paramref name="e"/> after <paramref name="previous"/>; <paramref name="payloadCanonical"/> says its payload text is canonical already.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, ArchivedEvent e, bool payloadCanonical)
    {
        var buffer = new ArrayBufferWriter<byte>(previous.Length + e.Payload.Length * 2 + 256);
        buffer.Write(previous);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EventJson.Options.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            if (e.Actor is not null) writer.WriteString("actor", e.Actor);
            writer.WriteNumber("occurredAt", HashChain.ToUnixMicroseconds(e.OccurredAt));
            writer.WritePropertyName("payload");
            writer.WriteRawValue(CanonicalPayload(e.Payload, payloadCanonical), skipInputValidation: true);
            writer.WriteString("sourceStream", e.SourceStream);
            writer.WriteNumber("sourceVersion", e.SourceVersion);
            writer.WriteString("subjectCode", e.SubjectCode);
            writer.WriteString("summary", e.Summary);
            writer.WriteString("type", e.Type);
            writer.WriteEndObject();
        }
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>
    /// Checks one source stream's copy: <paramref name="links"/> in version order from 1, each hash recomputed (the payload
    /// canonicalized, as PostgreSQL reorders it), and the head must point at the last link. The first version that is
    /// missing, changed or never chained; null if the copy is intact.
    /// </summary>
    public static long? FirstBroken(IReadOnlyList<ChainLink> links, ArchiveHead? head)
    {
        var previous = Array.Empty<byte>();
        var expected = 1L;
        foreach (var link in links)
        {
            if (link.Event.SourceVersion != expected || link.Hash is null || !link.Hash.AsSpan().SequenceEqual(Hash(previous, link.Event, payloadCanonical: false)))
                return Math.Min(link.Event.SourceVersion, expected);
            previous = link.Hash;
            expected++;
        }
        // Events cut off the end of a copy leave its head ahead of the chain.
        if (head is null) return links.Count == 0 ? null : expected - 1;
        if (head.Version >= expected) return expected;
        return head.Version == expected - 1 && head.Hash is not null && head.Hash.AsSpan().SequenceEqual(previous) ? null : Math.Max(1, expected - 1);
    }

    private static ReadOnlySpan<byte> CanonicalPayload(string payload, bool canonical)
    {
        if (canonical) return System.Text.Encoding.UTF8.GetBytes(payload);
        var canonicalized = new ArrayBufferWriter<byte>(payload.Length + 16);
        CanonicalForm.Write(payload, canonicalized);
        return canonicalized.WrittenSpan;
    }
}
