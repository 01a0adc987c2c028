using System.Diagnostics;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;
using CreditMesh.Registry.Domain;
using CreditMesh.Registry.Domain.Archive;
using CreditMesh.Registry.Domain.Reports;
using CreditMesh.Registry.Reports;
using CreditMesh.Registry.Reports.Pdf;

namespace CreditMesh.Benchmarks;

/// <summary>
/// DESIGN §6: a credit report for a subject with 1,000 records renders as PDF in ≤ 1 s. Builds the subject's archive in
/// memory (penalties, licences, honours, commitments, list entries, an evaluation — the mix a busy enterprise has), then
/// times what GET /api/v1/reports/{id}/pdf does (render from the stored document) and what POST does besides the database
/// (fold the archive, canonical JSON, SHA-256).
/// </summary>
public static class ReportRender
{
    public static int Run(string[] args)
    {
        var records = Option(args, "--records", 1000);
        var rounds = Option(args, "--rounds", 20);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        var font = new ReportOptions().FontPath;
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var timeline = Archive(records, now);
        var subject = new Subject("9144030071526726XG", SubjectKind.LegalPerson, "腾讯科技（深圳）有限公司",
            new LegalRepresentative("马化腾", "11010519491231002X"), new Dictionary<string, LegacyCodeKind>(), false, false);

        CreditReport Build() => CreditReports.Build("CMR-20261201-000001", now, ReportPurpose.Bidding, "ABCD-EFGH-JKMN-PQRS", subject,
            ReportContent.At(timeline, now));
        var report = Build();
        var document = CreditReports.CanonicalJson(report);
        var sha = CreditReports.Sha256(document);
        var pdf = ReportPdf.Render(report, sha, "http://localhost:8080/console/#/verify", font); // warm-up: font load, JIT
        if (output is not null) File.WriteAllBytes(output, pdf);

        var issue = Time(rounds, () => CreditReports.Sha256(CreditReports.CanonicalJson(Build())).Length);
        var render = Time(rounds, () => ReportPdf.Render(JsonSerializer.Deserialize<CreditReport>(document, EventJson.Options)!, sha,
            "http://localhost:8080/console/#/verify", font).Length);
        var shown = report.Sections;
        Console.WriteLine($"Credit report of one subject with {records:N0} records ({shown.Penalties.Count} penalties, {shown.Licenses.Count} licences, "
                          + $"{shown.Honors.Count} honours, {shown.Commitments.Count} commitments, {shown.ListEntries.Count} list entries shown), "
                          + $"{rounds} rounds after one warm-up; PDF {pdf.Length / 1024.0:F0} KiB, {Pages(pdf)} pages:");
        Console.WriteLine("| operation | median | p95 | max | target |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| PDF render (GET …/pdf: stored JSON → A4 PDF, CJK font subset embedded) | {render.Median:F0} ms | {render.P95:F0} ms | {render.Max:F0} ms | ≤ 1,000 ms |");
        Console.WriteLine($"| report build (POST without the database: archive fold, canonical JSON, SHA-256) | {issue.Median:F0} ms | {issue.P95:F0} ms | {issue.Max:F0} ms | — |");
        return 0;
    }

    /// <summary>The archive of a subject with this many records: one event per record, some disputed, a few list entries and an evaluation.</summary>
    private static List<TimelineEvent> Archive(int records, DateTimeOffset now)
    {
        const string code = "9144030071526726XG";
        var unit = new Actor("11440300MB2C928511", "clerk", "member-unit");
        var events = new List<TimelineEvent>();
        void Add(IIntegrationEvent e) => events.Add(new TimelineEvent(e.GetType().Name, e.OccurredAt, JsonSerializer.SerializeToElement(e, e.GetType(), EventJson.Options)));
        string[] categories = ["AdministrativePenalty", "AdministrativePenalty", "AdministrativePenalty", "AdministrativeLicense", "AdministrativeLicense",
            "Honor", "CreditCommitment", "AdministrativePenalty", "CommitmentBreach", "AdministrativePenalty"];
        for (var i = 0; i < records; i++)
        {
            var decided = DateOnly.FromDateTime(now.AddDays(-(i % 300) - 1).DateTime);
            var category = categories[i % categories.Length];
            Add(new CreditRecordAccepted(Guid.NewGuid(), now.AddDays(-(i % 300)), code, $"record-R{i}", 1, null, unit, $"R{i:D6}", unit.Unit!, category,
                "腾讯科技（深圳）有限公司", "LegalPerson", decided, category == "AdministrativePenalty" ? "General" : null, Disclosed: true,
                PublicityFrom: decided, PublicityMaxUntil: decided.AddYears(1),
                Content: new CreditRecordContent($"深市监罚〔2026〕{i}号", "深圳市市场监督管理局", ViolationType: "虚假宣传",
                    PenaltyContent: "罚款人民币五万元，责令停止违法行为，消除影响，并在三十日内提交整改报告", Facts: "当事人在其经营场所及网站发布含有虚假内容的广告，误导消费者，违反《中华人民共和国反不正当竞争法》第八条规定",
                    LicenseName: "食品经营许可证", LicenseContent: "预包装食品（含冷藏冷冻食品）销售，散装食品销售", FineAmount: 50000m)));
            if (i % 25 == 0) Add(new ObjectionOpened(Guid.NewGuid(), now.AddDays(-1), code, $"objection-O{i}", 1, null, null, $"O{i}", "Record", $"R{i:D6}"));
        }
        foreach (var (id, type) in new[] { ("LE-1", "SeriousDishonesty"), ("LE-2", "KeyAttention"), ("LE-3", "RedList") })
            Add(new ListEntryActivated(Guid.NewGuid(), now.AddDays(-30), code, $"list-entry-{id}", 2, null, unit, id, type, unit.Unit!, now.AddDays(-30), now.AddYears(2)));
        Add(new EvaluationChanged(Guid.NewGuid(), now.AddDays(-2), code, $"evaluation-{code}", 3, null, null, 612, "C", "2026.1", ["KeyAttention"]));
        return [.. events.OrderBy(e => e.OccurredAt)];
    }

    private static int Pages(byte[] pdf) => System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;

    private static (double Median, double P95, double Max) Time(int rounds, Func<int> action)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
