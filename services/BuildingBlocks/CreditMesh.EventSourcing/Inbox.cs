using Marten;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The inbox (DESIGN §2): a consumer claims a message id in the same transaction as its effects, so a redelivered
/// message changes nothing twice. Inboxes are named after the consumer's receive endpoint. The session must have
/// begun its transaction (<see cref="StreamWriting.OpenWriteSessionAsync"/>).
/// </summary>
public static class Inbox
{
    internal const string Ddl = """
        create table if not exists inbox (
            consumer     text not null,
            message_id   uuid not null,
            processed_at timestamptz not null,
            primary key (consumer, message_id)
        );
        """;

    /// <summary>False when this inbox has seen the message already: the caller skips its effects.</summary>
    public static async Task<bool> TryClaimAsync(this IDocumentSession session, string inbox, Guid messageId, CancellationToken ct) =>
        (await session.ClaimAsync(inbox, [messageId], ct)).Count == 1;

    /// <summary>The ids of these messages that this inbox had not seen, now claimed; the others were handled before.</summary>
    public static async Task<HashSet<Guid>> ClaimAsync(this IDocumentSession session, string inbox, IReadOnlyCollection<Guid> messageIds,
        CancellationToken ct)
    {
        var claimed = new HashSet<Guid>();
        if (messageIds.Count == 0) return claimed;
        await session.BeginTransactionAsync(ct); // the claim must commit or roll back with the effects
        await using var command = new NpgsqlCommand("""
            insert into inbox (consumer, message_id, processed_at) select $1, m, now() from unnest($2::uuid[]) m
            on conflict do nothing returning message_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = inbox });
        command.Parameters.Add(new NpgsqlParameter { Value = messageIds.Distinct().ToArray() });
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }
}
