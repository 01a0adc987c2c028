using CreditMesh.EventSourcing;

namespace CreditMesh.Lists.Projections;

/// <summary>
/// Open objections (异议) about list entries, from the repair service's events: while one is open, a
/// proposed entry is not activated. A resolution that arrives before its opening closes it for good.
/// </summary>
public static class EntryObjections
{
    public static Task OpenAsync(SessionConnection context, string objectionId, string listEntryId, DateTimeOffset openedAt, CancellationToken ct) =>
        context.ExecuteAsync("insert into entry_objections (objection_id, list_entry_id, open, opened_at) values ($1, $2, true, $3) on conflict do nothing",
            ct, objectionId, listEntryId, openedAt.ToUniversalTime());

    /// <summary>
    /// SQL: objection <paramref name="o"/> was raised by <paramref name="deadline"/> (DESIGN §4.9: only such an objection keeps a
    /// proposed entry from taking effect). One whose opening lists never heard (its resolution came first), or recorded before
    /// opening times were kept, counts as in time.
    /// </summary>
    public static string InTime(string o, string deadline) => $"({o}.opened_at is null or {o}.opened_at <= {deadline})";

    /// <summary>Closes the objection; returns the entry it was about (from the event or from its opening), or null when unknown.</summary>
    public static async Task<string?> CloseAsync(SessionConnection context, string objectionId, string? listEntryId, CancellationToken ct)
    {
        if (listEntryId is not null)
        {
            await context.ExecuteAsync("""
                insert into entry_objections (objection_id, list_entry_id, open) values ($1, $2, false)
                on conflict (objection_id) do update set open = false
                """, ct, objectionId, listEntryId);
            return listEntryId;
        }
        return await context.ScalarAsync<string>("update entry_objections set open = false where objection_id = $1 returning list_entry_id", ct, objectionId);
    }

    public static async Task<IReadOnlySet<string>> OpenForAsync(SessionConnection context, IReadOnlyList<string> listEntryIds, CancellationToken ct)
    {
        await using var command = context.Command($"""
            select distinct o.list_entry_id from entry_objections o left join list_entries e on e.list_entry_id = o.list_entry_id
            where o.open and o.list_entry_id = any($1) and (e.objection_window_ends_at is null or {InTime("o", "e.objection_window_ends_at")})
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = listEntryIds.ToArray() });
        var open = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) open.Add(reader.GetString(0));
        return open;
    }

    /// <summary>The entry an objection was opened on, when lists heard of it.</summary>
    public static async Task<string?> EntryOfAsync(Npgsql.NpgsqlDataSource dataSource, string objectionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select list_entry_id from entry_objections where objection_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = objectionId });
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
