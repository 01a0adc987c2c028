namespace CreditMesh.Registry.Domain.Archive;

/// <summary>
/// 信用档案: an integration event about a subject, kept by the registry as one row of its archive timeline. Each source
/// stream's copy keeps the source's versions, in order, with a hash chain of its own (<see cref="ArchiveChain"/>);
/// <see cref="Payload"/> is the integration event as received (JSON, its event id included).
/// </summary>
public sealed record ArchivedEvent(string SubjectCode, string SourceStream, long SourceVersion, string Type,
    DateTimeOffset OccurredAt, string? Actor, string Summary, string Payload)
{
    /// <summary>The archive stream an earlier release kept each copy in (ADR 0005); read only to carry its chain over.</summary>
    public static string LegacyStreamId(string sourceStream) => $"archive|{sourceStream}";
}
