using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using CreditMesh.Registry.Domain.Reports;

namespace CreditMesh.UnitTests.Reports;

/// <summary>What a credit report shows at its instant, folded from the archive (DESIGN §4.8).</summary>
public sealed class ReportContentTests
{
    private const string Code = "9144030071526726XG";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, Cst);
    private static readonly Actor Unit = new("11440300MB2C928511", "clerk", "member-unit");

    private static TimelineEvent E(IIntegrationEvent e) =>
        new(e.GetType().Name, e.OccurredAt, JsonSerializer.SerializeToElement(e, e.GetType(), EventJson.Options));

    private static CreditRecordAccepted Penalty(string id, DateTimeOffset at, string severity = "General", string from = "2026-03-01",
        string until = "2027-03-01", bool disclosed = true, string content = "罚款5万元") =>
        new(Guid.NewGuid(), at, Code, $"record-{id}", 1, null, Unit, id, Unit.Unit!, "AdministrativePenalty", "测试科技有限公司", "LegalPerson",
            DateOnly.Parse(from), severity, Disclosed: disclosed, PublicityFrom: DateOnly.Parse(from), PublicityMaxUntil: DateOnly.Parse(until),
            Content: new CreditRecordContent($"深市监罚〔2026〕{id}号", "深圳市市场监督管理局", ViolationType: "虚假宣传", PenaltyContent: content, FineAmount: 50000m));

    private static CreditRecordAccepted Record(string id, string category, DateTimeOffset at, string facts) =>
        new(Guid.NewGuid(), at, Code, $"record-{id}", 1, null, Unit, id, Unit.Unit!, category, "测试科技有限公司", "LegalPerson",
            new DateOnly(2026, 3, 1), Disclosed: true, PublicityFrom: new DateOnly(2026, 3, 1), PublicityMaxUntil: new DateOnly(2027, 3, 1),
            Content: new CreditRecordContent($"DOC-{id}", "深圳市人民政府", Facts: facts, LicenseName: category == "AdministrativeLicense" ? "食品经营许可" : null));

    [Test]
    public void A_repaired_record_an_expired_one_and_a_revoked_one_are_absent_and_one_under_objection_is_marked()
    {
        var events = new[]
        {
            E(Penalty("SHOWN", At(3, 2))),
            E(Penalty("DISPUTED", At(3, 2))),
            E(Penalty("REPAIRED", At(3, 2))),
            E(Penalty("REVOKED", At(3, 2))),
            E(Penalty("EXPIRED", At(3, 2), from: "2024-01-10", until: "2025-01-10")),
            E(Penalty("MINOR", At(3, 2), severity: "Minor", disclosed: false)),
            E(new ObjectionOpened(Guid.NewGuid(), At(4, 1), Code, "objection-O1", 1, null, null, "O1", "Record", "DISPUTED")),
            E(new RepairDecided(Guid.NewGuid(), At(4, 2), Code, "repair-P1", 3, null, null, "P1", "Record", "REPAIRED", true, "深市监信修〔2026〕1号", null)),
            E(new CreditRecordRevoked(Guid.NewGuid(), At(4, 3), Code, "record-REVOKED", 2, null, Unit, "REVOKED", "复议撤销")),
        };

        var sections = ReportContent.At(events, At(5, 1));

        Assert.That(sections.Penalties.Select(p => (p.RecordId, p.UnderObjection)), Is.EqualTo(new[] { ("SHOWN", false), ("DISPUTED", true) })
            .Or.EqualTo(new[] { ("DISPUTED", true), ("SHOWN", false) }));
        var shown = sections.Penalties.Single(p => p.RecordId == "SHOWN");
        Assert.That((shown.DecisionNumber, shown.DecidingAuthority, shown.Content, shown.FineAmount, shown.PublicityEnds),
            Is.EqualTo(("深市监罚〔2026〕SHOWN号", "深圳市市场监督管理局", "罚款5万元", 50000m, (DateOnly?)new DateOnly(2027, 3, 1))));
    }

    [Test]
    public void The_report_is_exact_to_its_instant()
    {
        var events = new[]
        {
            E(Penalty("R1", At(3, 2), until: "2026-06-01")),
            E(new ObjectionOpened(Guid.NewGuid(), At(4, 1), Code, "objection-O1", 1, null, null, "O1", "Record", "R1")),
            E(new ObjectionResolved(Guid.NewGuid(), At(4, 10), Code, "objection-O1", 2, null, null, "O1", false, "None", "信息准确")),
        };

        Assert.That(ReportContent.At(events, At(3, 1)).Penalties, Is.Empty, "not yet accepted");
        Assert.That(ReportContent.At(events, At(4, 5)).Penalties.Single().UnderObjection, Is.True);
        Assert.That(ReportContent.At(events, At(4, 11)).Penalties.Single().UnderObjection, Is.False, "the objection was rejected");
        Assert.That(ReportContent.At(events, new DateTimeOffset(2026, 5, 31, 23, 59, 59, Cst)).Penalties, Has.Count.EqualTo(1));
        Assert.That(ReportContent.At(events, new DateTimeOffset(2026, 6, 1, 0, 0, 0, Cst)).Penalties, Is.Empty, "publicity ended at its maximum");
    }

    [Test]
    public void Records_go_to_their_sections_and_ID_numbers_in_their_text_are_masked()
    {
        var events = new[]
        {
            E(Record("LIC", "AdministrativeLicense", At(3, 2), "许可")),
            E(Record("HON", "Honor", At(3, 2), "A级纳税人")),
            E(Record("COM", "CreditCommitment", At(3, 2), "承诺人 11010519491231002X 承诺守法经营")),
            E(Record("BRE", "CommitmentBreach", At(3, 2), "未履行承诺")),
            E(Record("CRT", "CourtDefaulter", At(3, 2), "未履行生效判决")),
        };

        var s = ReportContent.At(events, At(4, 1));

        Assert.That((s.Licenses.Single().LicenseName, s.Honors.Single().Content), Is.EqualTo(("食品经营许可", "A级纳税人")));
        Assert.That(s.Commitments.Select(c => c.RecordId), Is.EquivalentTo(new[] { "COM", "BRE" }));
        Assert.That(s.Commitments.Single(c => c.RecordId == "COM").Content, Is.EqualTo("承诺人 110105********002X 承诺守法经营"));
        Assert.That(s.Penalties.Single().Category, Is.EqualTo("CourtDefaulter"));
    }

    [Test]
    public void A_correction_replaces_what_the_report_prints()
    {
        var events = new[]
        {
            E(Penalty("R1", At(3, 2))),
            E(new CreditRecordCorrected(Guid.NewGuid(), At(3, 20), Code, "record-R1", 2, null, Unit, "R1", "金额更正", "AdministrativePenalty", "General",
                new DateOnly(2026, 3, 1), null, true, new DateOnly(2026, 3, 1), null, new DateOnly(2027, 3, 1),
                Content: new CreditRecordContent("深市监罚〔2026〕R1号", "深圳市市场监督管理局", ViolationType: "虚假宣传", PenaltyContent: "罚款3万元", FineAmount: 30000m))),
        };

        var penalty = ReportContent.At(events, At(4, 1)).Penalties.Single();

        Assert.That((penalty.Content, penalty.FineAmount), Is.EqualTo(("罚款3万元", (decimal?)30000m)));
    }

    [Test]
    public void Active_list_entries_show_while_valid_and_not_suspended_or_removed()
    {
        ListEntryActivated Activated(string id, string type, DateTimeOffset until) =>
            new(Guid.NewGuid(), At(3, 1), Code, $"list-entry-{id}", 2, null, Unit, id, type, Unit.Unit!, At(3, 1), until);
        var events = new[]
        {
            E(Activated("BLACK", "SeriousDishonesty", At(12, 1))),
            E(Activated("GONE", "KeyAttention", At(12, 1))),
            E(Activated("OVER", "KeyAttention", At(4, 1))),
            E(Activated("RED", "RedList", At(12, 1))),
            E(new ListEntryRemoved(Guid.NewGuid(), At(3, 10), Code, "list-entry-GONE", 3, null, Unit, "GONE", "ObjectionUpheld")),
            E(new ListEntrySuspended(Guid.NewGuid(), At(3, 1), Code, "list-entry-RED", 3, null, Unit, "RED", "BLACK")),
        };

        Assert.That(ReportContent.At(events, At(5, 1)).ListEntries.Select(e => e.ListEntryId), Is.EqualTo(new[] { "BLACK" }));
        Assert.That(ReportContent.At(events, At(3, 5)).ListEntries.Select(e => e.ListEntryId), Is.EquivalentTo(new[] { "BLACK", "GONE", "OVER" }));
    }

    [Test]
    public void The_latest_evaluation_at_the_instant_is_printed_and_before_any_the_subject_is_not_evaluated()
    {
        EvaluationChanged Evaluated(DateTimeOffset at, int score, string grade) =>
            new(Guid.NewGuid(), at, Code, $"evaluation-{Code}", 1, null, null, score, grade, "2026.1", []);
        var events = new[] { E(Evaluated(At(3, 1), 910, "A")), E(Evaluated(At(4, 1), 700, "C")) };

        var before = ReportContent.At(events, At(2, 1)).Evaluation;
        var between = ReportContent.At(events, At(3, 15)).Evaluation;
        var after = ReportContent.At(events, At(5, 1)).Evaluation;

        Assert.That((before.Evaluated, before.Statement), Is.EqualTo((false, "未评价 Not evaluated: no public credit evaluation of this subject is on record.")));
        Assert.That((between.Grade, between.Score), Is.EqualTo(("A", (int?)910)));
        Assert.That((after.Grade, after.ModelVersion, after.EvaluatedAt), Is.EqualTo(("C", "2026.1", (DateTimeOffset?)At(4, 1))));
    }
}
