using CreditMesh.Calendar;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;
using static CreditMesh.UnitTests.Evaluation.Facts;

namespace CreditMesh.UnitTests.Evaluation;

/// <summary>公共信用综合评价 under the shipped model (DESIGN §4.7): each indicator, its cap, the thresholds and the caps on grades.</summary>
public sealed class EvaluatorTests
{
    private static SubjectEvaluation Evaluate(params object[] facts) => Evaluator.Evaluate(Of([Registered(), .. facts]), Current, Now);

    private static IndicatorResult Indicator(SubjectEvaluation e, string code) => e.Indicators.Single(i => i.Code == code);

    [Test]
    public void A_subject_with_no_credit_information_has_the_base_score_and_grade_B()
    {
        var evaluation = Evaluate();
        Assert.That((evaluation.Score, evaluation.Grade, evaluation.ModelVersion, evaluation.Caps), Is.EqualTo((800, Grade.B, "2026.1", Array.Empty<string>())));
        Assert.That(evaluation.Indicators.Select(i => i.Points), Is.All.Zero);
    }

    // One item of each indicator, and the points it gives under the 2026.1 default.
    [TestCase("GENERAL_PENALTIES", "AdministrativePenalty", "General", -30)]
    [TestCase("SERIOUS_PENALTIES", "AdministrativePenalty", "Serious", -120)]
    [TestCase("MAJOR_TAX_VIOLATIONS", "MajorTaxViolation", null, -120)]
    [TestCase("HONOURS", "Honor", null, 20)]
    [TestCase("COMMITMENTS_KEPT", "CreditCommitment", null, 10)]
    [TestCase("COMMITMENT_BREACHES", "CommitmentBreach", null, -60)]
    [TestCase("LICENSES_HELD", "AdministrativeLicense", null, 5)]
    public void Each_record_indicator_counts_its_disclosed_records(string indicator, string category, string? severity, int points)
    {
        var evaluation = Evaluate(Record("R1", category, Day(2026, 6, 1), Day(2027, 6, 1), severity));

        var result = Indicator(evaluation, indicator);
        Assert.That((result.Count, result.Points, evaluation.Score), Is.EqualTo((1, points, 800 + points)));
        Assert.That(result.Basis, Is.EqualTo(new[] { new BasisItem("Record", "R1") }));
        Assert.That(evaluation.Indicators.Where(i => i.Code != indicator).Select(i => i.Count), Is.All.Zero, "one record counts once");
    }

    [TestCase("BLACK_ENTRIES", "CourtDefaulter", -200)]
    [TestCase("BLACK_ENTRIES", "SeriousDishonesty", -200)]
    [TestCase("KEY_ATTENTION_ENTRIES", "KeyAttention", -80)]
    [TestCase("RED_LIST_ENTRIES", "RedList", 60)]
    public void Each_list_indicator_counts_its_active_entries(string indicator, string listType, int points)
    {
        var evaluation = Evaluate(Entry("LE1", listType, Now.AddDays(-1), Now.AddYears(1)));

        var result = Indicator(evaluation, indicator);
        Assert.That((result.Count, result.Points), Is.EqualTo((1, points)));
        Assert.That(result.Basis, Is.EqualTo(new[] { new BasisItem("ListEntry", "LE1") }));
    }

    [Test]
    public void A_minor_penalty_that_is_not_disclosed_does_not_count()
    {
        var evaluation = Evaluate(Record("R1", "AdministrativePenalty", Day(2026, 6, 1), Day(2026, 6, 1), "Minor", disclosed: false));
        Assert.That(evaluation.Score, Is.EqualTo(800));
    }

    [Test]
    public void An_indicator_gives_at_most_its_cap_and_the_score_stays_within_0_to_1000()
    {
        var penalties = Enumerable.Range(1, 8).Select(i => (object)Penalty($"P{i}", "General", Day(2026, 6, i))).ToArray();
        var general = Evaluate(penalties);
        Assert.That((Indicator(general, "GENERAL_PENALTIES").Count, Indicator(general, "GENERAL_PENALTIES").Points, general.Score), Is.EqualTo((8, -150, 650)));

        var worst = Evaluate([.. Enumerable.Range(1, 5).Select(i => (object)Penalty($"S{i}", "Serious", Day(2026, 6, i), months: 36)),
            .. Enumerable.Range(1, 3).Select(i => (object)Entry($"B{i}", "CourtDefaulter", Now.AddDays(-1), Now.AddYears(1))),
            .. Enumerable.Range(1, 3).Select(i => (object)Record($"T{i}", "MajorTaxViolation", Day(2026, 6, i), Day(2029, 6, i))),
            .. Enumerable.Range(1, 4).Select(i => (object)Record($"C{i}", "CommitmentBreach", Day(2026, 6, i), Day(2027, 6, i)))]);
        Assert.That(worst.Score, Is.EqualTo(0), "800 − 360 − 400 − 240 − 180 is below the floor");
    }

    [TestCase(1000, Grade.A)]
    [TestCase(900, Grade.A)]
    [TestCase(899, Grade.B)]
    [TestCase(750, Grade.B)]
    [TestCase(749, Grade.C)]
    [TestCase(600, Grade.C)]
    [TestCase(599, Grade.D)]
    [TestCase(0, Grade.D)]
    public void Grades_follow_the_thresholds_A_900_B_750_C_600(int score, Grade grade)
    {
        Assert.That(Current.GradeOf(score), Is.EqualTo(grade));
    }

    [Test]
    public void Red_list_entries_and_honours_lift_a_subject_to_A()
    {
        var evaluation = Evaluate(Entry("R1", "RedList", Now.AddDays(-1), Now.AddYears(1)), Entry("R2", "RedList", Now.AddDays(-1), Now.AddYears(1)),
            Record("H1", "Honor", Day(2026, 3, 1), Day(2027, 3, 1)));
        Assert.That((evaluation.Score, evaluation.Grade), Is.EqualTo((940, Grade.A)));
    }

    [Test]
    public void An_active_black_entry_caps_the_grade_at_D_whatever_the_score()
    {
        var evaluation = Evaluate(Entry("B1", "CourtDefaulter", Now.AddDays(-1), Now.AddYears(2)),
            Entry("R1", "RedList", Now.AddDays(-30), Now.AddYears(1)), Entry("R2", "RedList", Now.AddDays(-30), Now.AddYears(1)),
            Record("H1", "Honor", Day(2026, 3, 1), Day(2027, 3, 1)), Record("H2", "Honor", Day(2026, 3, 2), Day(2027, 3, 2)));
        Assert.That((evaluation.Score, evaluation.Grade, evaluation.Caps), Is.EqualTo((760, Grade.D, new[] { "BlackListed" })),
            "760 is a B by its score; 一票否决 makes it D");
    }

    [Test]
    public void An_active_key_attention_entry_caps_the_grade_at_C()
    {
        var evaluation = Evaluate(Entry("K1", "KeyAttention", Now.AddDays(-1), Now.AddYears(1)),
            Entry("R1", "RedList", Now.AddDays(-30), Now.AddYears(1)), Entry("R2", "RedList", Now.AddDays(-30), Now.AddYears(1)),
            Record("H1", "Honor", Day(2026, 3, 1), Day(2027, 3, 1)), Record("H2", "Honor", Day(2026, 3, 2), Day(2027, 3, 2)),
            Record("H3", "Honor", Day(2026, 3, 3), Day(2027, 3, 3)));
        Assert.That((evaluation.Score, evaluation.Grade, evaluation.Caps), Is.EqualTo((900, Grade.C, new[] { "KeyAttention" })));
    }

    [Test]
    public void A_record_counts_exactly_while_inside_its_publicity_window()
    {
        var facts = Of(Registered(), Penalty("P1", "General", Day(2026, 6, 1)));
        var opens = ChinaTime.StartOf(Day(2026, 6, 1));
        var ends = ChinaTime.StartOf(Day(2027, 6, 1));

        Assert.That(Evaluator.Evaluate(facts, Current, opens.AddTicks(-1)).Score, Is.EqualTo(800), "before its first day");
        Assert.That(Evaluator.Evaluate(facts, Current, opens).Score, Is.EqualTo(770));
        Assert.That(Evaluator.Evaluate(facts, Current, ends.AddTicks(-1)).Score, Is.EqualTo(770), "the last instant of its window");
        Assert.That(Evaluator.Evaluate(facts, Current, ends).Score, Is.EqualTo(800), "its window ended at that instant, with no event");
    }

    [Test]
    public void A_record_leaves_an_indicators_look_back_at_that_instant()
    {
        // A general penalty counts for 36 months from its decision date at most (a window this long is only for the example).
        var facts = Of(Registered(), Record("P1", "AdministrativePenalty", Day(2023, 1, 10), Day(2027, 1, 10), "General"));
        var lookBackEnds = ChinaTime.StartOf(Day(2026, 1, 10));

        Assert.That(Evaluator.Evaluate(facts, Current, lookBackEnds.AddTicks(-1)).Score, Is.EqualTo(770));
        Assert.That(Evaluator.Evaluate(facts, Current, lookBackEnds).Score, Is.EqualTo(800));
    }

    [Test]
    public void A_list_entry_counts_from_its_validFrom_until_its_validUntil_exactly()
    {
        var from = Now.AddDays(-10);
        var until = Now.AddDays(10);
        var facts = Of(Registered(), Entry("B1", "CourtDefaulter", from, until));

        Assert.That(Evaluator.Evaluate(facts, Current, from.AddTicks(-1)).Grade, Is.EqualTo(Grade.B));
        Assert.That(Evaluator.Evaluate(facts, Current, from).Grade, Is.EqualTo(Grade.D));
        Assert.That(Evaluator.Evaluate(facts, Current, until.AddTicks(-1)).Grade, Is.EqualTo(Grade.D));
        Assert.That(Evaluator.Evaluate(facts, Current, until).Grade, Is.EqualTo(Grade.B), "expired at that instant, before any expiry event");
    }

    [Test]
    public void A_revoked_record_stops_counting_at_the_instant_it_was_revoked_and_a_removed_entry_stops_counting()
    {
        var revokedAt = Now.AddHours(-2);
        var facts = Of(Registered(), Penalty("P1", "General", Day(2026, 6, 1)), new RecordEnded(Code, "P1", "Revoked: 复议撤销", revokedAt));
        var removed = Evaluate(Entry("B1", "CourtDefaulter", Now.AddDays(-5), Now.AddYears(2)),
            new EntryNoted(Code, "B1", 2, "Removed", null, null, null, Now.AddHours(-1)));

        Assert.That(Evaluator.Evaluate(facts, Current, revokedAt.AddTicks(-1)).Score, Is.EqualTo(770));
        Assert.That(Evaluator.Evaluate(facts, Current, revokedAt).Score, Is.EqualTo(800));
        Assert.That((removed.Score, removed.Grade, removed.Caps), Is.EqualTo((800, Grade.B, Array.Empty<string>())));
    }

    [Test]
    public void A_record_under_objection_counts_and_is_marked_disputed_until_the_objection_is_resolved()
    {
        var opened = new ObjectionNoted(Code, "O1", "Record", "P1", Open: true, Upheld: false, null, Now.AddDays(-1));
        var disputed = Evaluate(Penalty("P1", "General", Day(2026, 6, 1)), opened);
        Assert.That(disputed.Score, Is.EqualTo(770));
        Assert.That(Indicator(disputed, "GENERAL_PENALTIES").Basis, Is.EqualTo(new[] { new BasisItem("Record", "P1", true) }));

        var rejected = Evaluate(Penalty("P1", "General", Day(2026, 6, 1)), opened,
            new ObjectionNoted(Code, "O1", null, null, Open: false, Upheld: false, "None", Now.AddHours(-1)));
        Assert.That(Indicator(rejected, "GENERAL_PENALTIES").Basis, Is.EqualTo(new[] { new BasisItem("Record", "P1") }));
    }

    [Test]
    public void An_upheld_objection_that_revokes_ends_the_record_and_one_on_an_entry_ends_the_entry()
    {
        var revoked = Evaluate(Penalty("P1", "General", Day(2026, 6, 1)), new ObjectionNoted(Code, "O1", "Record", "P1", true, false, null, Now.AddDays(-1)),
            new ObjectionNoted(Code, "O1", null, null, Open: false, Upheld: true, "Revoke", Now.AddHours(-1)));
        var corrected = Evaluate(Penalty("P1", "General", Day(2026, 6, 1)),
            new ObjectionNoted(Code, "O1", "Record", "P1", Open: false, Upheld: true, "Correct", Now.AddHours(-1)));
        var entry = Evaluate(Entry("B1", "CourtDefaulter", Now.AddDays(-5), Now.AddYears(2)),
            new ObjectionNoted(Code, "O2", "ListEntry", "B1", Open: false, Upheld: true, "Revoke", Now.AddHours(-1)));

        Assert.That((revoked.Score, corrected.Score, entry.Grade), Is.EqualTo((800, 770, Grade.B)), "a correction arrives as its own record event");
    }

    [Test]
    public void An_approved_repair_ends_its_target_at_the_approval_and_counts_as_a_completed_repair()
    {
        var approved = Now.AddHours(-1);
        var facts = Of(Registered(), Penalty("P1", "General", Day(2026, 6, 1)), Entry("K1", "KeyAttention", Now.AddDays(-30), Now.AddYears(1)),
            new RepairCompleted(Code, "RP1", "Record", "P1", approved), new RepairCompleted(Code, "RP2", "ListEntry", "K1", approved));

        var before = Evaluator.Evaluate(facts, Current, approved.AddTicks(-1));
        var after = Evaluator.Evaluate(facts, Current, approved);
        Assert.That((before.Score, before.Grade), Is.EqualTo((800 - 30 - 80, Grade.C)));
        Assert.That((after.Score, after.Grade, after.Caps), Is.EqualTo((800 + 20, Grade.B, Array.Empty<string>())));
        Assert.That(Indicator(after, "REPAIRS_COMPLETED").Basis.Select(b => (b.Kind, b.Id)), Is.EqualTo(new[] { ("Repair", "RP1"), ("Repair", "RP2") }));
    }

    [Test]
    public void An_evaluation_uses_the_model_version_in_force_at_its_instant()
    {
        var facts = Of(Registered(), Penalty("S1", "Serious", Day(2025, 6, 1), months: 36));
        var in2025 = new DateTimeOffset(2025, 12, 31, 12, 0, 0, Cst);
        var in2026 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cst);

        var old = Evaluator.Evaluate(facts, Model.At(in2025)!, in2025);
        var now = Evaluator.Evaluate(facts, Model.At(in2026)!, in2026);
        Assert.That((old.ModelVersion, old.Score), Is.EqualTo(("2025.1", 700)));
        Assert.That((now.ModelVersion, now.Score), Is.EqualTo(("2026.1", 680)));
        Assert.That(old.Indicators.Select(i => i.Code), Does.Not.Contain("REPAIRS_COMPLETED"));
    }

    [Test]
    public void Facts_arriving_out_of_order_settle_as_their_versions_say()
    {
        var late = Evaluate(new RecordEnded(Code, "P1", "Revoked", Now.AddDays(-1)), Penalty("P1", "General", Day(2026, 6, 1)));
        var removedFirst = Evaluate(new EntryNoted(Code, "B1", 2, "Removed", null, null, null, Now.AddDays(-1)),
            Entry("B1", "CourtDefaulter", Now.AddDays(-5), Now.AddYears(2)));
        var staleCorrection = Evaluate(Record("P1", "AdministrativePenalty", Day(2026, 6, 1), Day(2029, 6, 1), "Serious", version: 2),
            Record("P1", "AdministrativePenalty", Day(2026, 6, 1), Day(2027, 6, 1), "General", version: 1));

        Assert.That(late.Score, Is.EqualTo(800), "an acceptance that arrives after the revocation does not revive the record");
        Assert.That(removedFirst.Grade, Is.EqualTo(Grade.B), "a late activation does not revive a removed entry");
        Assert.That(staleCorrection.Score, Is.EqualTo(680), "the correction (version 2) stands; version 1 came late");
    }

    [Test]
    public void The_next_review_is_the_first_boundary_after_the_instant()
    {
        var facts = Of(Registered(), Penalty("P1", "General", Day(2026, 6, 1)), Entry("K1", "KeyAttention", Now.AddDays(-30), Now.AddDays(40)));
        Assert.That(Evaluator.NextReview(facts, Model, Now), Is.EqualTo(Now.AddDays(40)));
        Assert.That(Evaluator.NextReview(facts, Model, Now.AddDays(40)), Is.EqualTo(ChinaTime.StartOf(Day(2027, 6, 1))));
        Assert.That(Evaluator.NextReview(Of(Registered()), Model, Now), Is.Null);
        Assert.That(Evaluator.NextReview(Of(Registered()), Model, new DateTimeOffset(2025, 3, 1, 0, 0, 0, Cst)),
            Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cst)), "the next model version");
    }
}
