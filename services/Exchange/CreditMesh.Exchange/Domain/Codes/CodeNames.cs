using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Exchange.Domain.Sharing;

namespace CreditMesh.Exchange.Domain.Codes;

/// <summary>The Chinese names the national 双公示 exchange uses for our enumerations (docs/exchange-codes.md).</summary>
public static class CodeNames
{
    /// <summary>处罚类别 (行政处罚法 art. 9), as the 双公示 data set names them.</summary>
    public static readonly IReadOnlyDictionary<string, string> PenaltyCategories = new Dictionary<string, string>
    {
        ["Warning"] = "警告", ["NoticeOfCriticism"] = "通报批评", ["Fine"] = "罚款", ["Confiscation"] = "没收违法所得、没收非法财物",
        ["LicenseSuspension"] = "暂扣许可证件", ["LicenseRevocation"] = "吊销许可证件", ["ProductionSuspension"] = "责令停产停业", ["Other"] = "其他行政处罚",
    };

    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>
    {
        [RecordCategories.AdministrativeLicense] = "行政许可", [RecordCategories.AdministrativePenalty] = "行政处罚",
        [RecordCategories.CourtDefaulter] = "失信被执行人", [RecordCategories.MajorTaxViolation] = "重大税收违法失信",
        [RecordCategories.CreditCommitment] = "信用承诺", [RecordCategories.CommitmentBreach] = "违背信用承诺", [RecordCategories.Honor] = "表彰荣誉",
    };

    public static readonly IReadOnlyDictionary<string, string> ListTypes = new Dictionary<string, string>
    {
        [Contracts.Vocabulary.ListTypes.SeriousDishonesty] = "严重失信主体名单", [Contracts.Vocabulary.ListTypes.CourtDefaulter] = "失信被执行人名单",
        [Contracts.Vocabulary.ListTypes.KeyAttention] = "重点关注名单", [Contracts.Vocabulary.ListTypes.RedList] = "红名单",
    };

    /// <summary>名单种类: black (失信惩戒), grey (重点关注), red (守信激励).</summary>
    public static readonly IReadOnlyDictionary<string, string> ListKinds = new Dictionary<string, string>
    {
        [Contracts.Vocabulary.ListTypes.SeriousDishonesty] = "黑名单", [Contracts.Vocabulary.ListTypes.CourtDefaulter] = "黑名单",
        [Contracts.Vocabulary.ListTypes.KeyAttention] = "重点关注名单", [Contracts.Vocabulary.ListTypes.RedList] = "红名单",
    };

    /// <summary>停止共享原因.</summary>
    public static readonly IReadOnlyDictionary<WithdrawalReason, string> Withdrawals = new Dictionary<WithdrawalReason, string>
    {
        [WithdrawalReason.Repaired] = "信用修复", [WithdrawalReason.Revoked] = "决定撤销", [WithdrawalReason.Expired] = "公示期满",
        [WithdrawalReason.ObjectionUpheld] = "异议成立",
    };

    public static string Of(IReadOnlyDictionary<string, string> names, string? value) =>
        value is not null && names.TryGetValue(value, out var name) ? name : value ?? "";
}
