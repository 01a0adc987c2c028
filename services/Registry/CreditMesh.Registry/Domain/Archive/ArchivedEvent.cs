namespace CreditMesh.Registry.Domain.Archive;

/// <summary>
/// 信用档案: an integration event about a subject, kept by the registry. Each source stream is copied into
/// an archive stream of its own, version for version, so the copy has the source's order and its own
/// hash chain; <see cref="Payload"/> is the integration event as received (JSON).
/// </summary>
public sealed record ArchivedEvent(string SubjectCode, string SourceStream, long SourceVersion, Guid EventId, string Type,
    DateTimeOffset OccurredAt, string? Actor, string Summary, string Payload)
{
    public static string StreamId(string sourceStream) => $"archive|{sourceStream}";
}
