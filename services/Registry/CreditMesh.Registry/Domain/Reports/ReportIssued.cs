using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditMesh.EventSourcing;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.Registry.Domain.Reports;

/// <summary>
/// A credit report was issued (stored as the one event of stream "report-{id}"): <see cref="Document"/> is the report's
/// canonical JSON, <see cref="Sha256"/> its hash, <see cref="VerificationCode"/> what the receiver checks it with.
/// </summary>
public sealed record CreditReportIssued(string ReportId, string ReportNumber, string SubjectCode, string SubjectName, ReportPurpose Purpose,
    DateTimeOffset GeneratedAt, string Sha256, string VerificationCode, string Document);

/// <summary>An issued report, folded from its stream.</summary>
public sealed record IssuedReport(CreditReportIssued Issued) : IAggregate<IssuedReport>
{
    public static string StreamId(string reportId) => $"report-{reportId}";

    public static IssuedReport Create(object firstEvent) => firstEvent switch
    {
        CreditReportIssued e => new IssuedReport(e),
        _ => throw new InvalidOperationException($"A report stream cannot start with {firstEvent.GetType().Name}."),
    };

    public IssuedReport Apply(object @event) => this;

    public CreditReport Read() => JsonSerializer.Deserialize<CreditReport>(Issued.Document, EventJson.Options)!;
}

/// <summary>Puts a report together and fixes its bytes: the document, its canonical JSON and the SHA-256 over it.</summary>
public static class CreditReports
{
    public static readonly IReadOnlyList<string> StandingNotes =
    [
        "本报告依据公共信用信息平台信用档案生成，反映报告生成时点的公示信息。 This report shows what the platform's credit archive holds at the instant it was generated.",
        "依据《信用修复管理办法》，已信用修复（终止公示）、已撤销及超过公示期限的信息不予展示。 Repaired (publicity ended), revoked and expired information is not shown.",
        "标注“异议处理中”的信息正在异议处理程序中，尚未作出处理决定。 Items marked “under objection” are disputed by the subject and not yet decided.",
        "身份证件号码已作脱敏处理。 Resident ID numbers are masked.",
        "核验：凭报告编号与验证码查询 GET /api/v1/reports/verification，或在信用平台“验证报告”页面核验。 Verify with the report number and verification code.",
    ];

    public static CreditReport Build(string number, DateTimeOffset generatedAt, ReportPurpose purpose, string verificationCode, Subject subject,
        ReportSections sections) =>
        new(number, generatedAt, purpose.ToString(), verificationCode,
            new ReportSubject(PersonalData.Mask(subject.Code), PersonalData.Mask(subject.Name), subject.Kind.ToString(),
                subject.LegalRepresentative is { } rep ? new ReportRepresentative(PersonalData.Mask(rep.Name), PersonalData.Mask(rep.IdNumber)) : null),
            sections, StandingNotes);

    /// <summary>Object members in ordinal order, no white space, nulls left out (the hash chain's <see cref="CanonicalForm"/>).</summary>
    public static string CanonicalJson(CreditReport report) => CanonicalForm.Canonicalize(JsonSerializer.Serialize(report, EventJson.Options));

    public static string Sha256(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
