using System.Text.Json;
using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Registry.Domain.Archive;
using CreditMesh.Registry.Domain.Reports;
using Marten;
using Npgsql;

namespace CreditMesh.Registry.Reports;

/// <summary>
/// Issues a credit report from the subject's credit archive (no call to another service, DESIGN §2): reads the archive up to
/// now, folds the sections, takes the day's next number, fixes the bytes and stores the report as an event — number and event
/// in one transaction. The outbox relay publishes it as ReportIssued, which the archive files like any other event.
/// </summary>
public sealed class ReportIssuer(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<IssuedReport> IssueAsync(string reportId, Subject subject, ReportPurpose purpose, EventMetadata metadata, CancellationToken ct)
    {
        // China Standard Time, as the report is read; the instant is the same.
        var now = time.GetUtcNow().ToOffset(ChinaTime.Offset);
        var sections = ReportContent.At(await TimelineAsync(subject.Code, now, ct), now);
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        var number = ReportNumbers.Format(ChinaTime.DayOf(now), await ReportDirectory.NextSerialAsync(session, ChinaTime.DayOf(now), ct));
        var report = CreditReports.Build(number, now, purpose, ReportNumbers.NewVerificationCode(), subject, sections);
        var document = CreditReports.CanonicalJson(report);
        var issued = new CreditReportIssued(reportId, number, subject.Code, subject.Name, purpose, now, CreditReports.Sha256(document),
            report.VerificationCode, document);
        session.AppendAt<IssuedReport>(IssuedReport.StreamId(reportId), 0, issued);
        await session.CommitAsync(ct);
        return new IssuedReport(issued);
    }

    public Task<(IssuedReport? State, long Version)> LoadAsync(string reportId, CancellationToken ct) =>
        store.LoadAsync<IssuedReport>(IssuedReport.StreamId(reportId), ct);

    /// <summary>The subject's archived events a report reads, up to the instant, in archive order.</summary>
    private async Task<IReadOnlyList<TimelineEvent>> TimelineAsync(string subjectCode, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select type, occurred_at, payload::text from archive_timeline
            where subject_code = $1 and occurred_at <= $2 and type = any($3) order by occurred_at, archive_seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = ReportContent.Types.ToArray() });
        var events = new List<TimelineEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var payload = JsonDocument.Parse(reader.GetString(2));
            events.Add(new TimelineEvent(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), payload.RootElement.Clone()));
        }
        return events;
    }
}
