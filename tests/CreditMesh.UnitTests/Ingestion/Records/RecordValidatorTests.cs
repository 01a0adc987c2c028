using System.Text.Json;
using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

public sealed class RecordValidatorTests
{
    [Test]
    public void The_design_example_penalty_is_accepted_with_every_field_typed()
    {
        // Given the DESIGN §5.1 example
        var submission = Submissions.Penalty();

        // When
        var record = submission.Accepted();

        // Then
        Assert.That(record with { PenaltyCategories = [] }, Is.EqualTo(new CreditRecord(
            "PEN-2026-000123", RecordCategory.AdministrativePenalty,
            new RecordSubject(Submissions.CompanyCode, "腾讯科技（深圳）有限公司", SubjectKind.LegalPerson, new LegalRepresentative("张三", Submissions.RepresentativeId)),
            "深市监罚〔2026〕123号", new DateOnly(2026, 5, 10), new DecidingAuthority("深圳市市场监督管理局", null),
            Severity.General, "虚假宣传", "在产品宣传中使用未经证实的数据。", "《反不正当竞争法》第二十条",
            [], "罚款5万元", 50000m, 0m, null, null, null)));
        Assert.That(record.PenaltyCategories, Is.EqualTo(new[] { PenaltyCategory.Fine }));
    }

    [Test]
    public void The_design_example_body_binds_to_the_submission_by_its_camel_case_names()
    {
        // Given the body as DESIGN §5.1 writes it (plus an authority code), read as the API reads JSON
        var json = $$"""
            { "sourceRecordId": "PEN-2026-000123", "category": "AdministrativePenalty",
              "subject": { "code": "9144030071526726XG", "name": "腾讯科技（深圳）有限公司", "kind": "LegalPerson",
                           "legalRepresentative": { "name": "张三", "idNumber": "11010519491231002X" } },
              "decisionNumber": "深市监罚〔2026〕123号", "decisionDate": "2026-05-10",
              "decidingAuthority": { "name": "深圳市市场监督管理局", "code": "{{Submissions.AuthorityCode}}" },
              "severity": "General", "violationType": "虚假宣传", "facts": "在产品宣传中使用未经证实的数据。",
              "legalBasis": "《反不正当竞争法》第二十条", "penaltyCategories": ["Fine"], "penaltyContent": "罚款5万元",
              "fineAmount": 50000.00, "confiscatedAmount": 0, "sector": null, "validUntil": null, "license": null }
            """;

        // When
        var submission = JsonSerializer.Deserialize<CreditRecordSubmission>(json, JsonSerializerOptions.Web)!;

        // Then every field arrived, and the record is the example's
        Assert.That(submission, Is.EqualTo(Submissions.Penalty() with
        {
            PenaltyCategories = submission.PenaltyCategories,
            DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局", Code = Submissions.AuthorityCode },
        }));
        Assert.That(submission.PenaltyCategories, Is.EqualTo(new[] { "Fine" }));
        Assert.That(submission.Accepted().DecidingAuthority.Code, Is.EqualTo(Submissions.AuthorityCode));
    }

    [Test]
    public void A_missing_body_is_rejected_at_the_root()
    {
        var validation = RecordValidator.Validate(null, Submissions.Today);

        Assert.That(validation.IsValid, Is.False);
        Assert.That(validation.Errors.Keys, Is.EqualTo(new[] { "$" }));
    }

    [Test]
    public void An_empty_submission_is_told_every_common_required_field_at_once()
    {
        var errors = new CreditRecordSubmission().Rejected();

        Assert.That(errors.Keys, Is.EquivalentTo(Catalogue.CommonRequiredFields));
        Assert.That(errors["subject.code"], Is.EqualTo(new[] { "subject.code is required." }));
    }

    [Test]
    public void Every_error_in_a_submission_is_reported_at_once_each_at_its_own_path()
    {
        // Given a penalty with something wrong in many fields
        var submission = Submissions.Penalty().WithRepresentativeId("110105194912310021") with
        {
            SourceRecordId = "PEN 2026",
            DecisionDate = "2026-06-01",
            DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局", Code = "91110108717809965C" },
            Severity = "Grave",
            PenaltyCategories = ["Fine", "Detention"],
            FineAmount = -1m,
            ConfiscatedAmount = 0.001m,
            ViolationType = null,
            ValidUntil = "2026-02-30",
        };

        // When
        var errors = submission.Rejected();

        // Then
        Assert.That(errors.Keys, Is.EquivalentTo(new[]
        {
            "sourceRecordId", "subject.legalRepresentative.idNumber", "decisionDate", "decidingAuthority.code", "severity",
            "penaltyCategories[1]", "fineAmount", "confiscatedAmount", "violationType", "validUntil",
        }));
        Assert.That(errors.Values, Has.All.Length.EqualTo(1));
    }

    [Test]
    public void Surrounding_white_space_is_trimmed_and_codes_are_normalized()
    {
        // Given the example with spaces (ASCII and full-width ideographic) around text, and lower-case code letters
        var padded = Submissions.Penalty().WithSubject(s => s with
        {
            Code = "  9144030071526726xg ",
            Name = "\u3000腾讯科技（深圳）有限公司 ",
            Kind = " LegalPerson ",
            LegalRepresentative = new SubmittedLegalRepresentative { Name = " 张三\t", IdNumber = " 11010519491231002x " },
        }) with
        {
            SourceRecordId = " PEN-2026-000123\n",
            Category = " AdministrativePenalty ",
            DecisionNumber = " 深市监罚〔2026〕123号 ",
            DecisionDate = " 2026-05-10 ",
            Severity = "General ",
            PenaltyCategories = [" Fine"],
            PenaltyContent = "\r\n罚款5万元\r\n",
        };

        // When
        var record = padded.Accepted();

        // Then it is the record the tidy example gives
        Assert.That(RecordFingerprint.Of(record), Is.EqualTo(RecordFingerprint.Of(Submissions.Penalty().Accepted())));
        Assert.That((record.SourceRecordId, record.Subject.Code, record.Subject.Name, record.Subject.LegalRepresentative!.IdNumber, record.PenaltyContent),
            Is.EqualTo(("PEN-2026-000123", Submissions.CompanyCode, "腾讯科技（深圳）有限公司", Submissions.RepresentativeId, "罚款5万元")));
    }

    [Test]
    public void A_string_of_only_white_space_counts_as_missing()
    {
        var submission = Submissions.Penalty().WithSubject(s => s with { Name = " \u3000 " }) with { Facts = "  ", Severity = " " };

        Assert.That(submission.Rejected(), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["subject.name"] = ["subject.name is required."],
            ["severity"] = ["severity is required."],
        }));
    }

    [Test]
    public void Optional_sector_severity_and_validity_are_typed_when_given()
    {
        var submission = Submissions.Penalty() with { Sector = "FireSafety", Severity = "Serious", ValidUntil = "2029-05-10" };

        var record = submission.Accepted();

        Assert.That((record.Sector, record.Severity, record.ValidUntil), Is.EqualTo((Sector.FireSafety, Severity.Serious, new DateOnly(2029, 5, 10))));
    }

    [Test]
    public void Penalty_categories_are_kept_as_a_set_in_catalogue_order()
    {
        var record = Submissions.Penalty() with { PenaltyCategories = ["Confiscation", "Fine", "Warning"], ConfiscatedAmount = 1200.5m };

        Assert.That(record.Accepted().PenaltyCategories, Is.EqualTo(new[] { PenaltyCategory.Warning, PenaltyCategory.Fine, PenaltyCategory.Confiscation }));
    }
}
