using System.ComponentModel.DataAnnotations;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.UnitTests.Security;

public sealed class PersonalDataTests
{
    [TestCase(Roles.Auditor, "11010519491231002X")]
    [TestCase(Roles.CreditCenter, "11010519491231002X")]
    [TestCase(Roles.MemberUnit, "110105********002X")]
    [TestCase(Roles.Approver, "110105********002X")]
    [TestCase(Roles.Subject, "110105********002X")]
    [TestCase(Roles.Public, "110105********002X")]
    [TestCase(null, "110105********002X")]
    public void Resident_id_numbers_are_masked_for_every_role_but_auditors_and_the_credit_centre(string? role, string shown)
    {
        Assert.That(PersonalData.ForCaller("11010519491231002X", new Caller(role, null, null, null)), Is.EqualTo(shown));
    }

    [Test]
    public void Redaction_finds_id_numbers_inside_urls_and_text_but_leaves_credit_codes_and_longer_numbers()
    {
        Assert.That(PersonalData.Redact("GET /api/v1/subjects/11010519491231002X?x=1"), Is.EqualTo("GET /api/v1/subjects/110105********002X?x=1"));
        Assert.That(PersonalData.Redact("法定代表人 110105194912310021 张三"), Is.EqualTo("法定代表人 110105********0021 张三"));
        Assert.That(PersonalData.Redact("9144030071526726XG"), Is.EqualTo("9144030071526726XG"));
        Assert.That(PersonalData.Redact("order 1101051949123100219999"), Is.EqualTo("order 1101051949123100219999"));
    }

    [Test]
    public void Member_units_act_only_for_their_own_unit_and_subjects_only_for_their_own_code()
    {
        var clerk = new Caller(Roles.MemberUnit, "UNIT-A", null, "clerk");
        var centre = new Caller(Roles.CreditCenter, "CENTRE", null, "op");
        var subject = new Caller(Roles.Subject, null, "9144030071526726XG", "ent");
        Assert.That((clerk.MayActForUnit("UNIT-A"), clerk.MayActForUnit("UNIT-B")), Is.EqualTo((true, false)));
        Assert.That(centre.MayActForUnit("UNIT-B"), Is.True);
        Assert.That(subject.MayActForUnit("UNIT-A"), Is.False);
        Assert.That((subject.IsSubjectItself("9144030071526726XG"), subject.IsSubjectItself("91440300708461136T")), Is.EqualTo((true, false)));
        Assert.That(clerk.IsSubjectItself("9144030071526726XG"), Is.False);
    }

    [Test]
    public void The_published_development_key_and_short_keys_are_refused_outside_development()
    {
        static List<ValidationResult> Validate(AuthOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return results;
        }
        Assert.That(Validate(new AuthOptions { IsDevelopment = true }), Is.Empty);
        Assert.That(Validate(new AuthOptions { IsDevelopment = false }).Single().MemberNames, Is.EqualTo(new[] { "SigningKey" }));
        Assert.That(Validate(new AuthOptions { IsDevelopment = true, SigningKey = "short" }).Single().ErrorMessage, Does.Contain("32 bytes"));
        Assert.That(Validate(new AuthOptions { IsDevelopment = false, SigningKey = "a-production-secret-of-sufficient-length-0001,another-rotating-secret-key-000000002" }), Is.Empty);
    }
}
