using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class SubjectCodeTests
{
    [TestCase(SubjectKind.LegalPerson)]
    [TestCase(SubjectKind.Organization)]
    [TestCase(SubjectKind.Government)]
    public void Subjects_other_than_people_are_identified_by_a_unified_social_credit_code(SubjectKind kind)
    {
        // When / Then
        Assert.That(SubjectCode.Validate("9144030071526726xg", kind), Is.EqualTo(IdentifierCheck.Valid("9144030071526726XG")));
        Assert.That(SubjectCode.Validate("11010519491231002X", kind).Error, Does.StartWith("Unified social credit code"));
    }

    [Test]
    public void A_natural_person_is_identified_by_a_resident_id_number()
    {
        // When / Then
        Assert.That(SubjectCode.Validate("11010519491231002X", SubjectKind.NaturalPerson), Is.EqualTo(IdentifierCheck.Valid("11010519491231002X")));
        Assert.That(SubjectCode.Validate("9144030071526726XG", SubjectKind.NaturalPerson).Error, Does.StartWith("Resident ID number"));
    }

    [Test]
    public void An_undefined_subject_kind_is_a_programming_error()
    {
        // When / Then
        Assert.That(() => SubjectCode.Validate("9144030071526726XG", (SubjectKind)99), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
