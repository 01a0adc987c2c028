namespace CreditMesh.Contracts;

/// <summary>
/// A consumer (the registry's credit archive) found a gap in a source stream's versions and asks the
/// service that owns the stream to publish its integration events again from <see cref="FromVersion"/>.
/// Every service hears it; the one that has the stream answers, with the original event ids.
/// </summary>
public sealed record StreamRepublishRequested(string SourceStream, long FromVersion, string RequestedBy);
