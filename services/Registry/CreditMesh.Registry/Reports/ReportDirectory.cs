using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Reports;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CreditMesh.Registry.Reports;

/// <summary>
/// credit_reports: one row per issued report, by number (verification) and subject, written in the issuing transaction;
/// report_numbers: the last serial of each China Standard Time day. Rebuildable from the report streams.
/// </summary>
public sealed class ReportDirectory : SqlProjection
{
    public override string Name => "credit-reports";
    public override IReadOnlyList<string> Tables => ["credit_reports"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var r in events.Select(e => e.Data).OfType<CreditReportIssued>())
            operations.QueueSql("""
                insert into credit_reports (report_id, report_number, subject_code, subject_name, purpose, generated_at, sha256, verification_code)
                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing
                """, r.ReportId, r.ReportNumber, r.SubjectCode, r.SubjectName, r.Purpose.ToString(), r.GeneratedAt.ToUniversalTime(), r.Sha256,
                r.VerificationCode);
        return Task.CompletedTask;
    }

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists credit_reports (
                report_id text primary key, report_number text not null unique, subject_code text not null, subject_name text not null,
                purpose text not null, generated_at timestamptz not null, sha256 text not null, verification_code text not null);
            create table if not exists report_numbers (day date primary key, last_serial int not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The next serial of the day, in the issuing transaction: the row stays locked until it commits, so numbers never repeat.</summary>
    public static async Task<int> NextSerialAsync(IDocumentSession session, DateOnly day, CancellationToken ct) =>
        (await session.ReadSqlAsync("""
            insert into report_numbers (day, last_serial) values ($1, 1)
            on conflict (day) do update set last_serial = report_numbers.last_serial + 1 returning last_serial
            """, r => r.GetInt32(0), ct, day)).Single();

    public sealed record Listed(string ReportId, string ReportNumber, string SubjectCode, string SubjectName, DateTimeOffset GeneratedAt, string Sha256,
        string VerificationCode);

    public static async Task<Listed?> ByNumberAsync(NpgsqlDataSource dataSource, string number, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select report_id, report_number, subject_code, subject_name, generated_at, sha256, verification_code from credit_reports where report_number = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Listed(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5), reader.GetString(6))
            : null;
    }
}
