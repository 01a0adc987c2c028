using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.UnitTests.Registry;

namespace CreditMesh.UnitTests.Ingestion.Records;

/// <summary>Submissions to validate: the DESIGN §5.1 example and, per category, a record with exactly its required fields.</summary>
internal static class Submissions
{
    /// <summary>Ten days after the example's decision date.</summary>
    public static readonly DateOnly Today = new(2026, 5, 20);

    public const string CompanyCode = "9144030071526726XG";
    public const string RepresentativeId = "11010519491231002X";

    /// <summary>A government body's code (category 1, 机关), built to pass both checks of GB 32100.</summary>
    public static readonly string AuthorityCode = Vectors.WithUsccCheck("11440300" + Vectors.WithOrganizationCheck("00749821"));

    /// <summary>The DESIGN §5.1 body, with the example's "…" facts written out.</summary>
    public static CreditRecordSubmission Penalty() => new()
    {
        SourceRecordId = "PEN-2026-000123",
        Category = "AdministrativePenalty",
        Subject = new SubmittedSubject
        {
            Code = CompanyCode,
            Name = "腾讯科技（深圳）有限公司",
            Kind = "LegalPerson",
            LegalRepresentative = new SubmittedLegalRepresentative { Name = "张三", IdNumber = RepresentativeId },
        },
        DecisionNumber = "深市监罚〔2026〕123号",
        DecisionDate = "2026-05-10",
        DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局" },
        Severity = "General",
        ViolationType = "虚假宣传",
        Facts = "在产品宣传中使用未经证实的数据。",
        LegalBasis = "《反不正当竞争法》第二十条",
        PenaltyCategories = ["Fine"],
        PenaltyContent = "罚款5万元",
        FineAmount = 50000.00m,
        ConfiscatedAmount = 0,
    };

    /// <summary>Only the fields every record needs (DESIGN §5.1), with no category yet.</summary>
    public static CreditRecordSubmission Common(string category) => new()
    {
        SourceRecordId = "REC-1",
        Category = category,
        Subject = new SubmittedSubject { Code = CompanyCode, Name = "腾讯科技（深圳）有限公司" },
        DecisionNumber = "第1号",
        DecisionDate = "2026-05-10",
        DecidingAuthority = new SubmittedAuthority { Name = "深圳市市场监督管理局" },
    };

    /// <summary>A record of the category carrying exactly the fields DESIGN §5.1 requires of it, and nothing else.</summary>
    public static CreditRecordSubmission Minimal(RecordCategory category) => category switch
    {
        RecordCategory.AdministrativeLicense => Common("AdministrativeLicense") with
        {
            License = new SubmittedLicense { Name = "食品经营许可证", Content = "预包装食品销售", ValidFrom = "2026-05-10" },
        },
        RecordCategory.AdministrativePenalty => Common("AdministrativePenalty") with
        {
            Severity = "Minor", ViolationType = "未按规定公示信息", LegalBasis = "《企业信息公示暂行条例》第十八条",
            PenaltyCategories = ["Warning"], PenaltyContent = "警告",
        },
        RecordCategory.CourtDefaulter => Common("CourtDefaulter") with { Facts = "未履行生效判决确定的给付义务" },
        RecordCategory.MajorTaxViolation => Common("MajorTaxViolation") with { ViolationType = "偷税", LegalBasis = "《税收征收管理法》第六十三条" },
        RecordCategory.CreditCommitment => Common("CreditCommitment") with { Facts = "承诺所提交材料真实有效" },
        RecordCategory.CommitmentBreach => Common("CommitmentBreach") with { Facts = "提交虚假材料，违背信用承诺" },
        RecordCategory.Honor => Common("Honor") with { Facts = "2025年度纳税信用A级纳税人" },
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The submission with the field at a JSON path left out; throws for a path it does not know, so a new catalogue field needs a line here.</summary>
    public static CreditRecordSubmission Without(this CreditRecordSubmission s, string path) => path switch
    {
        "sourceRecordId" => s with { SourceRecordId = null },
        "category" => s with { Category = null },
        "subject.code" => s with { Subject = s.Subject! with { Code = null } },
        "subject.name" => s with { Subject = s.Subject! with { Name = null } },
        "subject.legalRepresentative.name" => s with { Subject = s.Subject! with { LegalRepresentative = s.Subject.LegalRepresentative! with { Name = null } } },
        "subject.legalRepresentative.idNumber" => s with { Subject = s.Subject! with { LegalRepresentative = s.Subject.LegalRepresentative! with { IdNumber = null } } },
        "decisionNumber" => s with { DecisionNumber = null },
        "decisionDate" => s with { DecisionDate = null },
        "decidingAuthority.name" => s with { DecidingAuthority = s.DecidingAuthority! with { Name = null } },
        "severity" => s with { Severity = null },
        "violationType" => s with { ViolationType = null },
        "facts" => s with { Facts = null },
        "legalBasis" => s with { LegalBasis = null },
        "penaltyCategories" => s with { PenaltyCategories = null },
        "penaltyContent" => s with { PenaltyContent = null },
        "fineAmount" => s with { FineAmount = null },
        "license.name" => s with { License = s.License! with { Name = null } },
        "license.content" => s with { License = s.License! with { Content = null } },
        "license.validFrom" => s with { License = s.License! with { ValidFrom = null } },
        _ => throw new ArgumentException($"No way to leave out {path}; add one.", nameof(path)),
    };

    public static RecordValidation Validate(this CreditRecordSubmission submission) => RecordValidator.Validate(submission, Today);

    /// <summary>The record a submission that must be valid gives, failing with its errors otherwise.</summary>
    public static CreditRecord Accepted(this CreditRecordSubmission submission)
    {
        var validation = submission.Validate();
        Assert.That(validation.Errors, Is.Empty, "the submission should be valid");
        return validation.Record!;
    }

    /// <summary>The errors of a submission that must be invalid.</summary>
    public static IReadOnlyDictionary<string, string[]> Rejected(this CreditRecordSubmission submission)
    {
        var validation = submission.Validate();
        Assert.That(validation.IsValid, Is.False, "the submission should be rejected");
        return validation.Errors;
    }

    public static CreditRecordSubmission WithSubject(this CreditRecordSubmission s, Func<SubmittedSubject, SubmittedSubject> change) =>
        s with { Subject = change(s.Subject!) };

    public static CreditRecordSubmission WithRepresentativeId(this CreditRecordSubmission s, string? idNumber) =>
        s.WithSubject(subject => subject with { LegalRepresentative = subject.LegalRepresentative! with { IdNumber = idNumber } });
}
