namespace CreditMesh.EventSourcing;

/// <summary>
/// What a pure decider concludes about a command (STYLE: decide → events): events to append, nothing to do (an
/// idempotent repeat), or a refusal that the HTTP edge maps to one status in one place (<see cref="Http.WriteResults"/>).
/// </summary>
public abstract record Decision
{
    public sealed record Append(IReadOnlyList<object> Events) : Decision;

    /// <summary>Nothing to do: the same thing was already done.</summary>
    public sealed record Unchanged : Decision;

    public sealed record Rejected(Rejection Why) : Decision;

    public static Decision Of(params object[] events) => events.Length == 0 ? new Unchanged() : new Append(events);

    public static Decision Invalid(string field, string reason) => new Rejected(new Rejection(RejectionKind.Invalid, field, reason));
    public static Decision Forbidden(string field, string reason) => new Rejected(new Rejection(RejectionKind.Forbidden, field, reason));
    public static Decision NotFound(string field, string reason) => new Rejected(new Rejection(RejectionKind.NotFound, field, reason));
    public static Decision Conflict(string field, string reason) => new Rejected(new Rejection(RejectionKind.Conflict, field, reason));
}

/// <summary>Why a command was refused, naming the field it is about.</summary>
public sealed record Rejection(RejectionKind Kind, string Field, string Reason);

/// <summary>400, 403, 404 and 409 at the edge.</summary>
public enum RejectionKind { Invalid, Forbidden, NotFound, Conflict }

/// <summary>Rebuilds a state from a stream's events: immutable records with Create and Apply (STYLE.md), folded by Marten.</summary>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    static abstract TSelf Create(object firstEvent);

    TSelf Apply(object @event);
}
