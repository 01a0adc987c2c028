using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Targets;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Repair.Projections;

/// <summary>What one integration event says about a target; null facts say nothing (a status-only event).</summary>
public sealed record TargetFacts(TargetKind Kind, string Id, string SubjectCode, long SourceVersion, TargetStatus Status,
    string? OwnerUnit = null, string? Category = null, string? Severity = null, DateOnly? MinimumUntil = null, string? RuleVersion = null,
    DateOnly? ValidFrom = null, string? EndedBecause = null);

/// <summary>
/// Repair's local projection of records and list entries (table repair_targets), fed by the owning services' events.
/// Events may arrive twice or out of order: facts from a higher source version win (a lower one only fills gaps), and a
/// status only moves forward (Pending → Active → Ended), so a late activation never revives a removed entry.
/// </summary>
public sealed class TargetDirectory(NpgsqlDataSource dataSource)
{
    private static readonly string[] FactColumns = ["owner_unit", "category", "severity", "minimum_until", "rule_version", "valid_from"];

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists repair_targets (
                target_kind text not null, target_id text not null, subject_code text not null, owner_unit text, category text,
                severity text, minimum_until date, rule_version text, valid_from date, facts_version bigint not null,
                status_rank int not null, ended_because text, primary key (target_kind, target_id));
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records what events say about targets, in their order, one statement per run of <see cref="RowRuns"/> (one upsert
    /// cannot touch a row twice: an envelope may hold two corrections of one record).
    /// </summary>
    public static async Task RecordAllAsync(SessionConnection context, IReadOnlyList<TargetFacts> facts, CancellationToken ct)
    {
        foreach (var run in RowRuns.Split(facts, f => $"{f.Kind}|{f.Id}")) await UpsertAsync(context, run, ct);
    }

    private static Task UpsertAsync(SessionConnection context, IReadOnlyList<TargetFacts> rows, CancellationToken ct)
    {
        // A higher facts_version overrides with what it knows; a lower one only fills what is still unknown.
        var merge = string.Join(",\n", FactColumns.Select(c =>
            $"{c} = case when excluded.facts_version >= t.facts_version then coalesce(excluded.{c}, t.{c}) else coalesce(t.{c}, excluded.{c}) end"));
        // A status-only event (no facts) carries facts version 0, so it never overrides facts.
        static long FactsVersion(TargetFacts f) =>
            (f.OwnerUnit ?? f.Category ?? f.Severity ?? f.RuleVersion ?? (object?)f.MinimumUntil ?? f.ValidFrom) is null ? 0L : f.SourceVersion;
        return context.ExecuteAsync($"""
            insert into repair_targets as t (target_kind, target_id, subject_code, owner_unit, category, severity, minimum_until, rule_version,
                valid_from, facts_version, status_rank, ended_because)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::date[],
                $10::bigint[], $11::int[], $12::text[])
            on conflict (target_kind, target_id) do update set
            {merge},
            facts_version = greatest(t.facts_version, excluded.facts_version),
            status_rank = greatest(t.status_rank, excluded.status_rank),
            ended_because = coalesce(t.ended_because, excluded.ended_because)
            """, ct,
            SqlOperation.Typed.Texts(rows.Select(f => f.Kind.ToString())), SqlOperation.Typed.Texts(rows.Select(f => f.Id)), SqlOperation.Typed.Texts(rows.Select(f => f.SubjectCode)),
            SqlOperation.Typed.Texts(rows.Select(f => f.OwnerUnit)), SqlOperation.Typed.Texts(rows.Select(f => f.Category)), SqlOperation.Typed.Texts(rows.Select(f => f.Severity)),
            SqlOperation.Typed.Dates(rows.Select(f => f.MinimumUntil)), SqlOperation.Typed.Texts(rows.Select(f => f.RuleVersion)), SqlOperation.Typed.Dates(rows.Select(f => f.ValidFrom)),
            rows.Select(FactsVersion).ToArray(), rows.Select(f => (int)f.Status).ToArray(), SqlOperation.Typed.Texts(rows.Select(f => f.EndedBecause)));
    }

    public async Task<RepairTarget?> FindAsync(TargetKind kind, string id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select subject_code, owner_unit, category, severity, minimum_until, rule_version, valid_from, status_rank, ended_because
            from repair_targets where target_kind = $1 and target_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateOnly? D(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);
        return new RepairTarget(kind, id, reader.GetString(0), S(1), S(2), S(3), D(4), S(5), D(6), (TargetStatus)reader.GetInt32(7), S(8));
    }

    /// <summary>
    /// The target once repair knows it and its owning unit, waiting up to <paramref name="bound"/> for the owning service's
    /// event (asked every 100 ms); what is known after the bound otherwise (null when nothing).
    /// </summary>
    public async Task<RepairTarget?> AwaitKnownAsync(TargetKind kind, string id, TimeSpan bound, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var target = await FindAsync(kind, id, ct);
            if (target?.OwnerUnit is not null || DateTime.UtcNow >= deadline) return target;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }
}
