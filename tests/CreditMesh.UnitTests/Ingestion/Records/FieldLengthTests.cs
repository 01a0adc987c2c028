using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

/// <summary>DESIGN §7 "wrong lengths": each text field has a limit, and a refusal names it.</summary>
public sealed class FieldLengthTests
{
    /// <summary>Each limited field of the example penalty, with a way to set it and its limit.</summary>
    private static IEnumerable<TestCaseData> LimitedFields()
    {
        yield return Field("sourceRecordId", RecordValidator.MaxSourceRecordIdLength, (s, v) => s with { SourceRecordId = v });
        yield return Field("subject.name", RecordValidator.MaxNameLength, (s, v) => s.WithSubject(x => x with { Name = v }));
        yield return Field("subject.legalRepresentative.name", RecordValidator.MaxNameLength,
            (s, v) => s.WithSubject(x => x with { LegalRepresentative = x.LegalRepresentative! with { Name = v } }));
        yield return Field("decisionNumber", RecordValidator.MaxDecisionNumberLength, (s, v) => s with { DecisionNumber = v });
        yield return Field("decidingAuthority.name", RecordValidator.MaxNameLength, (s, v) => s with { DecidingAuthority = new SubmittedAuthority { Name = v } });
        yield return Field("violationType", RecordValidator.MaxNameLength, (s, v) => s with { ViolationType = v });
        yield return Field("facts", RecordValidator.MaxTextLength, (s, v) => s with { Facts = v });
        yield return Field("legalBasis", RecordValidator.MaxTextLength, (s, v) => s with { LegalBasis = v });
        yield return Field("penaltyContent", RecordValidator.MaxTextLength, (s, v) => s with { PenaltyContent = v });
        yield return Field("license.name", RecordValidator.MaxNameLength, (s, v) => s with { License = License() with { Name = v } });
        yield return Field("license.content", RecordValidator.MaxTextLength, (s, v) => s with { License = License() with { Content = v } });
    }

    private static TestCaseData Field(string path, int limit, Func<CreditRecordSubmission, string, CreditRecordSubmission> set) =>
        new TestCaseData(path, limit, set).SetArgDisplayNames(path, limit.ToString());

    private static SubmittedLicense License() => new() { Name = "许可证", Content = "内容", ValidFrom = "2026-05-10" };

    [Test]
    public void The_limits_are_those_the_platform_publishes()
    {
        Assert.That((RecordValidator.MaxSourceRecordIdLength, RecordValidator.MaxNameLength, RecordValidator.MaxDecisionNumberLength, RecordValidator.MaxTextLength),
            Is.EqualTo((64, 200, 100, 4000)));
    }

    [TestCaseSource(nameof(LimitedFields))]
    public void A_field_at_its_limit_is_accepted_and_one_character_more_is_refused_naming_the_limit(
        string path, int limit, Func<CreditRecordSubmission, string, CreditRecordSubmission> set)
    {
        // Given text exactly at the limit and one character over it (letters, which every field accepts)
        var atLimit = set(Submissions.Penalty(), new string('A', limit));
        var overLimit = set(Submissions.Penalty(), new string('A', limit + 1));

        // Then
        Assert.That(atLimit.Validate().Errors, Is.Empty);
        Assert.That(overLimit.Rejected(), Is.EqualTo(new Dictionary<string, string[]>
        {
            [path] = [$"{path} has at most {limit} characters; this one has {limit + 1}."],
        }));
    }

    [Test]
    public void Length_is_counted_in_characters_not_bytes_or_utf16_units()
    {
        // Given a name of 200 Chinese characters, one of them outside the Basic Multilingual Plane (𠀀, two UTF-16 units)
        var name = "𠀀" + new string('信', RecordValidator.MaxNameLength - 1);

        Assert.That(Submissions.Penalty().WithSubject(s => s with { Name = name }).Accepted().Subject.Name, Is.EqualTo(name));
    }

    [Test]
    public void Trimming_comes_before_counting()
    {
        var name = "  " + new string('信', RecordValidator.MaxNameLength) + "  ";

        Assert.That(Submissions.Penalty().WithSubject(s => s with { Name = name }).Validate().IsValid, Is.True);
    }

    [TestCase("PEN 2026", "must not contain spaces")]
    [TestCase("PEN＿2026", "full-width")]
    [TestCase("处罚-2026", "is not allowed")]
    [TestCase("PEN#2026", "'#' at position 4 is not allowed")]
    [TestCase("PEN?2026", "'?' at position 4 is not allowed")]
    public void A_source_record_id_keeps_to_letters_digits_and_a_few_separators(string id, string expected)
    {
        var errors = (Submissions.Penalty() with { SourceRecordId = id }).Rejected();

        Assert.That(errors.Keys, Is.EqualTo(new[] { "sourceRecordId" }));
        Assert.That(errors["sourceRecordId"][0], Does.Contain(expected));
    }

    [Test]
    public void A_source_record_id_keeps_its_case_and_separators()
    {
        Assert.That((Submissions.Penalty() with { SourceRecordId = "sys:pen/2026_05.x-1" }).Accepted().SourceRecordId, Is.EqualTo("sys:pen/2026_05.x-1"));
    }

    [Test]
    public void Single_line_fields_refuse_control_characters_and_free_text_keeps_its_line_breaks()
    {
        var names = Submissions.Penalty().WithSubject(s => s with { Name = "腾讯\n科技" }) with { DecisionNumber = "深市监罚\u0000123号" };
        var facts = Submissions.Penalty() with { Facts = "第一，未经证实。\r\n第二，\t误导消费者。" };

        Assert.That(names.Rejected().Keys, Is.EquivalentTo(new[] { "subject.name", "decisionNumber" }));
        Assert.That(names.Rejected()["subject.name"][0], Does.Contain("U+000A").And.Contain("position 3"));
        Assert.That(facts.Accepted().Facts, Is.EqualTo("第一，未经证实。\r\n第二，\t误导消费者。"));
        Assert.That((facts with { Facts = "事实\u0007" }).Rejected().Keys, Is.EqualTo(new[] { "facts" }));
    }
}
