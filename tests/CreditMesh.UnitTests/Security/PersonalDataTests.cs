using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.UnitTests.Security;

public sealed class PersonalDataTests
{
    [TestCase(Roles.Auditor, "11010519491231002X")]
    [TestCase(Roles.CreditCenter, "11010519491231002X")]
    [TestCase(Roles.MemberUnit, "110105********002X")]
    [TestCase(Roles.Approver, "110105********002X")]
    [TestCase(Roles.Subject, "110105********002X")]
    [TestCase(Roles.Public, "110105********002X")]
    [TestCase(Roles.Exchange, "110105********002X")]
    [TestCase(null, "110105********002X")]
    public void Resident_id_numbers_are_masked_for_every_role_but_auditors_and_the_credit_centre(string? role, string shown)
    {
        var http = new DefaultHttpContext();
        if (role is not null)
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Role, role)], "test", Claims.User, Claims.Role));
        Assert.That(ResponsePrivacy.Shown("11010519491231002X", http), Is.EqualTo(shown));
    }

    [TestCase("GET /api/v1/subjects/11010519491231002X?x=1", "GET /api/v1/subjects/110105********002X?x=1", TestName = "Inside a URL")]
    [TestCase("法定代表人 110105194912310021 张三", "法定代表人 110105********0021 张三", TestName = "Between words")]
    [TestCase("当事人ID110105194912310021的罚款", "当事人ID110105********0021的罚款", TestName = "Right after letters")]
    [TestCase("subject:11010519491231002x:person-a", "subject:110105********002x:person-a", TestName = "In an actor id, lower-case x")]
    [TestCase("11010519491231002X,320102198001010012", "110105********002X,320102********0012", TestName = "Several in one text")]
    [TestCase("110105194912310021", "110105********0021", TestName = "The whole text")]
    [TestCase("a-2026-05-10-110105194912310021", "a-2026-05-10-110105********0021", TestName = "After shorter digit runs")]
    public void Masking_finds_id_numbers_wherever_they_are_written(string text, string masked)
    {
        Assert.That(PersonalData.Mask(text), Is.EqualTo(masked));
    }

    [TestCase("9144030071526726XG", TestName = "A credit code")]
    [TestCase("order 1101051949123100219999", TestName = "A longer run of digits")]
    [TestCase("110105194913310021", TestName = "Not a month")]
    [TestCase("010105194912310021", TestName = "No area code starts with 0")]
    [TestCase("0198a3b21101051949123100217c9d2e4f", TestName = "A hexadecimal id or hash")]
    [TestCase("罚款5万元", TestName = "Short text")]
    [TestCase("11010519491231002X5", TestName = "A check character followed by a digit")]
    [TestCase("1101051949123100211", TestName = "Nineteen digits")]
    public void Masking_leaves_what_is_not_an_id_number(string text)
    {
        Assert.That(PersonalData.Mask(text), Is.SameAs(text));
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
