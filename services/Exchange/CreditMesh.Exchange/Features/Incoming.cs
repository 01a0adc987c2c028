using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Codes;
using CreditMesh.Exchange.Domain.Sharing;

namespace CreditMesh.Exchange.Features;

/// <summary>What one consumed integration event tells exchange (see <see cref="Consumers.SourceEventConsumer"/>).</summary>
public abstract record Incoming(Guid MessageId);

/// <summary>A record was accepted or corrected: its content, at its source version.</summary>
public sealed record RecordSeen(Guid MessageId, RecordSnapshot Record, long Version, DateTimeOffset At, bool Disclosed) : Incoming(MessageId);

/// <summary>A list entry became active (its subject's name is filled in from what exchange has seen, when the event lacks it).</summary>
public sealed record EntrySeen(Guid MessageId, EntrySnapshot Entry, long Version, DateTimeOffset At) : Incoming(MessageId);

/// <summary>A record or entry stopped being shareable: revoked, repaired, removed, its disclosure ended.</summary>
public sealed record ItemEnded(Guid MessageId, ItemKind Kind, string SourceId, string SubjectCode, ItemEnding Ending) : Incoming(MessageId);

/// <summary>Something only pushed, not fed (an evaluation changed).</summary>
public sealed record Pushed(Guid MessageId, Push Push) : Incoming(MessageId);
