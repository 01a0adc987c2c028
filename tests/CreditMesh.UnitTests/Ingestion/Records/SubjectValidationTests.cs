using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

/// <summary>The subject (信用主体) of a record: its kind decides which code it carries (DESIGN §4.1).</summary>
public sealed class SubjectValidationTests
{
    [Test]
    public void A_subject_without_a_kind_is_a_legal_person()
    {
        var record = Submissions.Penalty().WithSubject(s => s with { Kind = null }).Accepted();

        Assert.That(record.Subject.Kind, Is.EqualTo(SubjectKind.LegalPerson));
    }

    [TestCase("legalPerson")]
    [TestCase("LEGALPERSON")]
    [TestCase("0")]
    [TestCase("Enterprise")]
    [TestCase("LegalPerson,NaturalPerson")]
    public void A_subject_kind_must_be_one_of_the_names_exactly_as_written(string kind)
    {
        var errors = Submissions.Penalty().WithSubject(s => s with { Kind = kind }).Rejected();

        Assert.That(errors.Keys, Is.EqualTo(new[] { "subject.kind" }));
        Assert.That(errors["subject.kind"][0], Does.Contain("LegalPerson, NaturalPerson, Organization, Government"));
    }

    [Test]
    public void A_natural_person_is_identified_by_a_resident_id_number_and_has_no_legal_representative()
    {
        // Given a natural person (e.g. an individual fined) identified by a resident ID number
        var person = Submissions.Penalty().WithSubject(_ => new SubmittedSubject
            { Code = Submissions.RepresentativeId, Name = "张三", Kind = "NaturalPerson" });

        // Then it is accepted; but not with an enterprise code, nor with a legal representative
        Assert.That(person.Accepted().Subject, Is.EqualTo(new RecordSubject(Submissions.RepresentativeId, "张三", SubjectKind.NaturalPerson, null)));
        Assert.That(person.WithSubject(s => s with { Code = Submissions.CompanyCode }).Rejected()["subject.code"],
            Is.EqualTo(new[] { ResidentIdNumber.Validate(Submissions.CompanyCode).Error }));
        Assert.That(person.WithSubject(s => s with { LegalRepresentative = new SubmittedLegalRepresentative { Name = "李四", IdNumber = Submissions.RepresentativeId } })
            .Rejected().Keys, Is.EqualTo(new[] { "subject.legalRepresentative" }));
    }

    [TestCase("LegalPerson")]
    [TestCase("Organization")]
    [TestCase("Government")]
    public void Subjects_other_than_natural_persons_are_identified_by_a_unified_social_credit_code(string kind)
    {
        var submission = Submissions.Penalty().WithSubject(s => s with { Kind = kind });

        Assert.That(submission.Accepted().Subject.Kind.ToString(), Is.EqualTo(kind));
        Assert.That(submission.WithSubject(s => s with { Code = Submissions.RepresentativeId }).Rejected()["subject.code"],
            Is.EqualTo(new[] { UnifiedSocialCreditCode.Validate(Submissions.RepresentativeId).Error }));
    }

    [Test]
    public void An_unknown_subject_kind_still_reports_a_missing_or_full_width_code()
    {
        var missing = Submissions.Penalty().WithSubject(s => s with { Kind = "Person", Code = null }).Rejected();
        var fullWidth = Submissions.Penalty().WithSubject(s => s with { Kind = "Person", Code = "９144030071526726XG" }).Rejected();

        Assert.That(missing.Keys, Is.EquivalentTo(new[] { "subject.kind", "subject.code" }));
        Assert.That(fullWidth["subject.code"][0], Does.Contain("full-width"));
    }

    [Test]
    public void A_legal_representative_given_needs_both_a_name_and_an_id_number()
    {
        var errors = Submissions.Penalty().WithSubject(s => s with { LegalRepresentative = new SubmittedLegalRepresentative() }).Rejected();

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "subject.legalRepresentative.name", "subject.legalRepresentative.idNumber" }));
    }

    [Test]
    public void A_legal_representative_and_an_authority_code_may_be_left_out()
    {
        var submission = Submissions.Penalty().WithSubject(s => s with { LegalRepresentative = null }) with
        {
            DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局", Code = "  " },
        };

        var record = submission.Accepted();

        Assert.That(record.Subject.LegalRepresentative, Is.Null);
        Assert.That(record.DecidingAuthority, Is.EqualTo(new DecidingAuthority("深圳市市场监督管理局", null)));
    }
}
