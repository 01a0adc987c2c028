using System.Globalization;
using System.Text;
using Npgsql;

namespace CreditMesh.Ingestion.Projections;

/// <summary>One record as the self-view lists it (DESIGN §4.9): every record, disclosed or not, with its status and window.</summary>
public sealed record RecordRow(string RecordId, string SourceUnit, string Category, string DecisionNumber, DateOnly DecisionDate, string? Severity,
    string DecidingAuthority, string? PenaltyContent, bool DisclosedKind, DateOnly PublicityFrom, DateOnly? PublicityMinUntil, DateOnly PublicityUntil,
    string? RuleVersion, bool Revoked, bool Corrected, bool Ended, bool UnderObjection);

/// <summary>Where a page of records continues: after this decision date and record id (newest first, keyset paging).</summary>
public sealed record RecordCursor(DateOnly DecisionDate, string RecordId)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DecisionDate:yyyy-MM-dd}|{RecordId}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static RecordCursor? Decode(string text)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='))).Split('|');
            return parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                   && parts[1].Length is > 0 and <= 64
                ? new RecordCursor(day, parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Pages of record_disclosure for the self-view: by subject and/or source unit, newest decision first.</summary>
public static class RecordPages
{
    /// <summary>Reads one page (<paramref name="limit"/> rows) and whether more follow (one row more is read to know).</summary>
    public static async Task<(IReadOnlyList<RecordRow> Rows, bool More)> ReadAsync(NpgsqlDataSource dataSource, string? subjectCode, string? sourceUnit,
        RecordCursor? after, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select record_id, coalesce(source_unit, ''), category, decision_number, decision_date, severity, deciding_authority, penalty_content,
                   disclosed, publicity_from, publicity_min_until, publicity_until, rule_version, revoked, corrected, ended, under_objection
            from record_disclosure
            where ($1::text is null or subject_code = $1) and ($2::text is null or source_unit = $2)
              and ($3::date is null or (decision_date, record_id) < ($3, $4))
            order by decision_date desc, record_id desc limit {limit + 1}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)subjectCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sourceUnit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.DecisionDate ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.RecordId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<RecordRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new RecordRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
                Text(5), reader.GetString(6), Text(7), reader.GetBoolean(8), reader.GetFieldValue<DateOnly>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10), reader.GetFieldValue<DateOnly>(11), Text(12), reader.GetBoolean(13),
                reader.GetBoolean(14), reader.GetBoolean(15), reader.GetBoolean(16)));
        }
        return rows.Count > limit ? (rows[..limit], true) : (rows, false);
    }

    /// <summary>
    /// Rows written before record_disclosure kept the unit, the minimum and the rule version take them once from each
    /// record's own stream (its first event names the unit, its latest acceptance or correction the window).
    /// </summary>
    public static async Task BackfillAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update record_disclosure d set source_unit = coalesce(d.source_unit, f.data->>'sourceUnit'),
                publicity_min_until = (l.data->'publicity'->>'minUntil')::date, rule_version = l.data->'publicity'->>'ruleVersion',
                corrected = d.corrected or l.type = 'record-corrected'
            from mt_events f, lateral (select x.data, x.type from mt_events x where x.stream_id = f.stream_id
                                        and x.type in ('record-accepted', 'record-corrected') order by x.version desc limit 1) l
            where (d.source_unit is null or d.rule_version is null) and f.stream_id = 'record-' || d.record_id and f.version = 1
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
