using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Ingestion.Features;

/// <summary>GET /api/v1/disclosures?code=: what is disclosed about a subject now (双公示, 信用门户), for anyone.</summary>
public static class DisclosuresApi
{
    public sealed record DisclosedRecord(string RecordId, string Category, string DecisionNumber, DateOnly DecisionDate, string? Severity,
        string DecidingAuthority, string? PenaltyContent, bool UnderObjection);
    public sealed record DisclosedListEntry(string ListEntryId, string ListType, DateTimeOffset ValidUntil);
    public sealed record DisclosureResponse(string SubjectCode, IReadOnlyList<DisclosedRecord> Records, IReadOnlyList<DisclosedListEntry> ListEntries);

    public static IEndpointRouteBuilder MapDisclosuresApi(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose: the public reads disclosures (DESIGN §1); the gateway rate-limits it per address.
        app.MapGet("/api/v1/disclosures", GetAsync).AllowAnonymous().WithAccessLog("disclosure", "code").WithTags("Disclosures");
        return app;
    }

    private static async Task<Results<Ok<DisclosureResponse>, ValidationProblem>> GetAsync(string? code,
        NpgsqlDataSource dataSource, RecordIntake intake, TimeProvider time, CancellationToken ct)
    {
        var normalized = SubjectCode.ValidateAnyKind(code);
        if (!normalized.IsValid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [normalized.Error!] });
        await using var command = dataSource.CreateCommand("""
            select record_id, category, decision_number, decision_date, severity, deciding_authority, penalty_content, under_objection
            from record_disclosure
            where subject_code = $1 and disclosed and not revoked and not ended and publicity_from <= $2 and $2 < publicity_until
            order by decision_date desc, record_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = normalized.Normalized });
        command.Parameters.Add(new NpgsqlParameter { Value = intake.Today });
        var records = new List<DisclosedRecord>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                records.Add(new DisclosedRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7)));
        var entries = await ActiveListEntriesAsync(dataSource, normalized.Normalized, time.GetUtcNow(), ct);
        // A natural person's code, and ID numbers written into penaltyContent, are masked on the way out (ADR 0012).
        return TypedResults.Ok(new DisclosureResponse(normalized.Normalized, records, entries));
    }

    /// <summary>Active now: not removed and not yet at validUntil (exact at read time; no expiry job needed).</summary>
    private static async Task<List<DisclosedListEntry>> ActiveListEntriesAsync(NpgsqlDataSource dataSource, string code, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select list_entry_id, list_type, valid_until from disclosed_list_entries
            where subject_code = $1 and not removed and not suspended and list_type <> '' and valid_until > $2 order by list_entry_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        var entries = new List<DisclosedListEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) entries.Add(new DisclosedListEntry(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return entries;
    }
}
