using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.UnitTests.Registry;

namespace CreditMesh.UnitTests.Ingestion.Records;

/// <summary>DESIGN §7: bad input is refused naming the field, with a message a person can act on.</summary>
public sealed class BadInputTests
{
    private static string OnlyErrorAt(CreditRecordSubmission submission, string path)
    {
        var errors = submission.Rejected();
        Assert.That(errors.Keys, Is.EqualTo(new[] { path }));
        Assert.That(errors[path], Has.Length.EqualTo(1));
        return errors[path][0];
    }

    [TestCase("91110108717809965C", TestName = "the design's code with a wrong check character")]
    [TestCase("9144030071526726XA", TestName = "a check character changed")]
    [TestCase("9144030071526726X", TestName = "17 characters")]
    [TestCase("9144030071526726XG1", TestName = "19 characters")]
    [TestCase("９144030071526726XG", TestName = "a full-width digit")]
    [TestCase("9144030071526726ＸG", TestName = "a full-width letter")]
    [TestCase("91440300\u30007152672XG", TestName = "a full-width space")]
    [TestCase("9144O30071526726XG", TestName = "a letter O the code alphabet lacks")]
    public void A_subject_code_the_identifier_rules_refuse_is_reported_with_their_message(string code)
    {
        var message = OnlyErrorAt(Submissions.Penalty().WithSubject(s => s with { Code = code }), "subject.code");

        Assert.That(message, Is.EqualTo(UnifiedSocialCreditCode.Validate(code).Error));
    }

    [Test]
    public void A_full_width_character_in_a_code_is_refused_and_the_half_width_one_named()
    {
        var message = OnlyErrorAt(Submissions.Penalty().WithSubject(s => s with { Code = "９144030071526726XG" }), "subject.code");

        Assert.That(message, Does.Contain("full-width").And.Contain("'9'"));
    }

    [TestCase("110105194912310021", TestName = "a wrong check character")]
    [TestCase("11010519491231002", TestName = "17 characters")]
    [TestCase("110105491231002", TestName = "an old 15-digit number")]
    [TestCase("110105194902300028", TestName = "a birth date that is not a date")]
    [TestCase("11010519491231002Ｘ", TestName = "a full-width X")]
    public void A_legal_representative_id_number_the_identifier_rules_refuse_is_reported_with_their_message(string idNumber)
    {
        var message = OnlyErrorAt(Submissions.Penalty().WithRepresentativeId(idNumber), "subject.legalRepresentative.idNumber");

        Assert.That(message, Is.EqualTo(ResidentIdNumber.Validate(idNumber).Error));
    }

    [TestCase("91110108717809965C")]
    [TestCase("1144030000749821")]
    [TestCase("\u3000")]
    public void An_authority_code_given_must_be_a_valid_unified_social_credit_code(string code)
    {
        var submission = Submissions.Penalty() with { DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局", Code = code } };

        Assert.That(OnlyErrorAt(submission, "decidingAuthority.code"), Is.EqualTo(UnifiedSocialCreditCode.Validate(code).Error));
    }

    [Test]
    public void A_decision_dated_after_today_is_refused_and_one_dated_today_accepted()
    {
        var tomorrow = Submissions.Penalty() with { DecisionDate = "2026-05-21" };
        var today = Submissions.Penalty() with { DecisionDate = "2026-05-20" };

        Assert.That(OnlyErrorAt(tomorrow, "decisionDate"), Does.Contain("after today (2026-05-20)"));
        Assert.That(today.Accepted().DecisionDate, Is.EqualTo(Submissions.Today));
    }

    [TestCase("2026-02-30", "not a date in the calendar")]
    [TestCase("2025-02-29", "not a date in the calendar")]
    [TestCase("2026-13-01", "not a date in the calendar")]
    [TestCase("2026-04-31", "not a date in the calendar")]
    [TestCase("2026-05-00", "not a date in the calendar")]
    [TestCase("2026-5-10", "YYYY-MM-DD")]
    [TestCase("20260510", "YYYY-MM-DD")]
    [TestCase("2026/05/10", "YYYY-MM-DD")]
    [TestCase("10-05-2026", "YYYY-MM-DD")]
    [TestCase("2026-05-10T00:00:00+08:00", "YYYY-MM-DD")]
    [TestCase("２０２６-05-10", "YYYY-MM-DD")]
    [TestCase("yesterday", "YYYY-MM-DD")]
    public void A_decision_date_must_be_a_real_date_written_year_month_day(string date, string expected)
    {
        Assert.That(OnlyErrorAt(Submissions.Penalty() with { DecisionDate = date }, "decisionDate"), Does.Contain(expected));
    }

    [Test]
    public void The_twenty_ninth_of_february_is_a_date_in_a_leap_year()
    {
        Assert.That((Submissions.Penalty() with { DecisionDate = "2024-02-29" }).Accepted().DecisionDate, Is.EqualTo(new DateOnly(2024, 2, 29)));
    }

    [Test]
    public void Validity_may_not_end_before_the_decision_nor_a_licence_before_it_starts()
    {
        var penalty = Submissions.Penalty() with { ValidUntil = "2026-05-09" };
        var license = Submissions.Minimal(CreditMesh.Ingestion.Domain.RecordCategory.AdministrativeLicense);
        var backwards = license with { License = license.License! with { ValidUntil = "2026-05-09" } };
        var oneDay = license with { License = license.License! with { ValidUntil = "2026-05-10" } };

        Assert.That(OnlyErrorAt(penalty, "validUntil"), Is.EqualTo("validUntil (2026-05-09) is before decisionDate (2026-05-10)."));
        Assert.That(OnlyErrorAt(backwards, "license.validUntil"), Is.EqualTo("license.validUntil (2026-05-09) is before license.validFrom (2026-05-10)."));
        Assert.That(oneDay.Accepted().License!.ValidUntil, Is.EqualTo(new DateOnly(2026, 5, 10)));
        Assert.That((Submissions.Penalty() with { ValidUntil = "2026-05-10" }).Accepted().ValidUntil, Is.EqualTo(new DateOnly(2026, 5, 10)));
    }

    [TestCase(-0.01, "fineAmount", "must not be negative")]
    [TestCase(-50000, "fineAmount", "must not be negative")]
    [TestCase(12.345, "fineAmount", "at most 2 decimal places")]
    [TestCase(0.001, "fineAmount", "at most 2 decimal places")]
    [TestCase(-1, "confiscatedAmount", "must not be negative")]
    [TestCase(99.999, "confiscatedAmount", "at most 2 decimal places")]
    public void An_amount_is_refused_below_zero_or_finer_than_a_fen(decimal amount, string path, string expected)
    {
        var submission = path == "fineAmount" ? Submissions.Penalty() with { FineAmount = amount } : Submissions.Penalty() with { ConfiscatedAmount = amount };

        Assert.That(OnlyErrorAt(submission, path), Does.Contain(expected));
    }

    [TestCase(0)]
    [TestCase(0.01)]
    [TestCase(12.34)]
    [TestCase(18228000000.0)]
    public void An_amount_in_yuan_and_fen_is_accepted(decimal amount)
    {
        Assert.That((Submissions.Penalty() with { FineAmount = amount }).Accepted().FineAmount, Is.EqualTo(amount));
    }

    [Test]
    public void Trailing_zeros_beyond_the_fen_are_not_extra_decimal_places()
    {
        Assert.That((Submissions.Penalty() with { FineAmount = 12.3400m }).Accepted().FineAmount, Is.EqualTo(12.34m));
    }

    [TestCase("Penalty")]
    [TestCase("administrativePenalty")]
    [TestCase("行政处罚")]
    [TestCase("1")]
    public void An_unknown_category_is_refused_listing_the_categories_there_are(string category)
    {
        var errors = (Submissions.Penalty() with { Category = category }).Rejected();

        Assert.That(errors.Keys, Is.EqualTo(new[] { "category" }));
        Assert.That(errors["category"][0], Does.Contain(
            "AdministrativeLicense, AdministrativePenalty, CourtDefaulter, MajorTaxViolation, CreditCommitment, CommitmentBreach, Honor"));
    }

    [Test]
    public void A_category_in_the_wrong_case_is_told_the_right_spelling()
    {
        var message = OnlyErrorAt(Submissions.Penalty() with { Category = "administrativePenalty" }, "category");

        Assert.That(message, Does.EndWith("Names are case-sensitive: write AdministrativePenalty."));
    }

    [TestCase("Detention")]
    [TestCase("fine")]
    [TestCase("罚款")]
    [TestCase("")]
    [TestCase(null)]
    public void An_unknown_penalty_category_is_refused_at_its_index(string? category)
    {
        var message = OnlyErrorAt(Submissions.Penalty() with { PenaltyCategories = ["Fine", category] }, "penaltyCategories[1]");

        Assert.That(message, Does.Contain("Warning, NoticeOfCriticism, Fine, Confiscation, LicenseSuspension, LicenseRevocation, ProductionSuspension, Other")
            .Or.EqualTo("penaltyCategories[1] is required."));
    }

    [Test]
    public void A_penalty_category_listed_twice_is_refused_at_the_second_mention()
    {
        Assert.That(OnlyErrorAt(Submissions.Penalty() with { PenaltyCategories = ["Fine", "Warning", "Fine"] }, "penaltyCategories[2]"),
            Is.EqualTo("Fine is listed twice."));
    }

    [Test]
    public void A_fine_must_state_its_amount_and_other_penalties_need_not()
    {
        Assert.That(OnlyErrorAt(Submissions.Penalty() with { FineAmount = null }, "fineAmount"), Is.EqualTo("fineAmount is required."));
        Assert.That((Submissions.Penalty() with { FineAmount = null, PenaltyCategories = ["Warning"] }).Accepted().FineAmount, Is.Null);
    }

    [TestCase("Severe", "severity")]
    [TestCase("general", "severity")]
    [TestCase("Mining", "sector")]
    [TestCase("workSafety", "sector")]
    public void Severity_and_sector_must_be_names_exactly_as_written(string value, string path)
    {
        var submission = path == "severity" ? Submissions.Penalty() with { Severity = value } : Submissions.Penalty() with { Sector = value };

        Assert.That(OnlyErrorAt(submission, path), Does.StartWith($"{path} must be one of"));
    }
}
