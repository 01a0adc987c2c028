using CreditMesh.Registry.Domain;
using CreditMesh.Registry.Domain.Reports;
using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Reports;

public sealed class ReportNumberTests
{
    [Test]
    public void A_report_number_names_the_China_day_and_its_serial_and_reads_back_however_it_is_typed()
    {
        var number = ReportNumbers.Format(new DateOnly(2026, 12, 1), 123);

        Assert.That(number, Is.EqualTo("CMR-20261201-000123"));
        Assert.That(ReportNumbers.Normalize(" cmr-20261201-000123 "), Is.EqualTo(number));
        Assert.That(new[] { "CMR-20261301-000123", "CMR-20261201-00012X", "20261201-000123", "" }.Select(ReportNumbers.Normalize), Is.All.Null);
    }

    [Test]
    public void A_verification_code_is_sixteen_unambiguous_characters_and_matches_however_it_is_typed()
    {
        var code = ReportNumbers.NewVerificationCode();

        Assert.That(code, Does.Match("^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$"));
        Assert.That(ReportNumbers.Matches(code, code.Replace("-", " ").ToLowerInvariant()), Is.True);
        Assert.That(ReportNumbers.Matches(code, code[..^1] + (code[^1] == 'A' ? 'B' : 'A')), Is.False);
        Assert.That(ReportNumbers.Matches(code, null), Is.False);
        Assert.That(ReportNumbers.NewVerificationCode(), Is.Not.EqualTo(code));
    }

    [Test]
    public void The_same_report_always_has_the_same_bytes_and_hash_and_its_legal_representatives_ID_is_masked()
    {
        var subject = new Subject("9144030071526726XG", SubjectKind.LegalPerson, "腾讯科技（深圳）有限公司", new LegalRepresentative("马化腾", "11010519491231002X"),
            new Dictionary<string, LegacyCodeKind>(), false, false);
        var sections = ReportContent.At([], new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));
        var report = CreditReports.Build("CMR-20261201-000001", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)), ReportPurpose.Bidding,
            "ABCD-EFGH-JKMN-PQRS", subject, sections);

        var json = CreditReports.CanonicalJson(report);

        Assert.That(CreditReports.CanonicalJson(report with { }), Is.EqualTo(json));
        Assert.That(CreditReports.Sha256(json), Has.Length.EqualTo(64).And.EqualTo(CreditReports.Sha256(json)));
        Assert.That(json, Does.Contain("\"idNumber\":\"110105********002X\"").And.Not.Contain("11010519491231002X"));
        Assert.That(json, Does.StartWith("{\"generatedAt\":\"2026-12-01T10:00:00+08:00\",\"notes\":["));
        Assert.That(CreditMesh.EventSourcing.CanonicalForm.Canonicalize(json), Is.EqualTo(json), "already canonical");
    }
}
