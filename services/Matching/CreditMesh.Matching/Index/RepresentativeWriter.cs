using CreditMesh.EventSourcing;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Keeps which resident ID number is an organisation's legal representative (for 关联, 限制高消费规定 art. 3).
/// The registry is authoritative; a credit record's representative only fills in when the registry has none.
/// The ID number stays in the database and memory: it is never logged (DESIGN §7).
/// </summary>
public static class RepresentativeWriter
{
    public static async Task WriteAsync(SessionConnection context, string organisation, string idNumber, bool fromRegistry, long sourceVersion,
        DateTimeOffset at, CancellationToken ct)
    {
        await context.ExecuteAsync($"select pg_advisory_xact_lock({IndexSchema.WriterLock})", ct);
        var changed = await context.ScalarAsync<string>("""
            insert into legal_representatives (organisation_code, id_number, from_registry, source_version) values ($1, $2, $3, $4)
            on conflict (organisation_code) do update set id_number = excluded.id_number, from_registry = excluded.from_registry,
                source_version = excluded.source_version
            where excluded.from_registry and (not legal_representatives.from_registry or excluded.source_version > legal_representatives.source_version)
                and (legal_representatives.id_number <> excluded.id_number or not legal_representatives.from_registry)
            returning id_number
            """, ct, organisation, idNumber, fromRegistry, sourceVersion);
        if (changed is null) return;
        await context.ExecuteAsync("insert into legal_representative_history (organisation_code, id_number, effective_at) values ($1, $2, $3)",
            ct, organisation, idNumber, at.UtcDateTime);
        await context.ExecuteAsync("insert into index_changes (subject_code, representative) values ($1, $2)", ct, organisation, idNumber);
        await context.ExecuteAsync($"select pg_notify('{IndexSchema.Channel}', '')", ct);
    }
}
