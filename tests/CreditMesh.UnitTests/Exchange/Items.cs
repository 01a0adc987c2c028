using CreditMesh.Calendar;
using CreditMesh.Contracts;
using CreditMesh.Exchange.Domain.Codes;
using CreditMesh.Exchange.Domain.Sharing;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>Records and entries as exchange learns them, for decider and code tests.</summary>
internal static class Items
{
    public const string Company = "9144030071526726XG";
    public const string Person = "11010519491231002X";
    public const string Market = "11440300MB2C928511";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, ChinaTime.Offset);

    public static RecordSnapshot Penalty(string recordId = "R1", string subject = Company, string kind = "LegalPerson", DateOnly? publicityEnds = null,
        string decisionNumber = "深市监罚〔2026〕123号") =>
        new(recordId, "AdministrativePenalty", "General", subject, "腾讯科技（深圳）有限公司", kind, "张三", new DateOnly(2026, 5, 10), Market,
            new CreditRecordContent(decisionNumber, "深圳市市场监督管理局", "11440300MB2C928511", "虚假宣传", "发布虚假广告", "《反不正当竞争法》第二十条",
                ["Warning", "Fine"], "罚款5万元", 50000m, 0m), publicityEnds ?? new DateOnly(2027, 5, 10), null);

    public static ItemFact Seen(RecordSnapshot r, long version = 1, bool disclosed = true, DateTimeOffset? at = null) =>
        new(ItemKind.Record, r.RecordId, r.SubjectCode, ItemContents.Of(r, version, at ?? Now, disclosed));

    public static EntrySnapshot Entry(string id = "E1", string listType = "SeriousDishonesty", DateTimeOffset? validUntil = null, string? nationalId = null) =>
        new(id, listType, Company, "腾讯科技（深圳）有限公司", Market, Now, validUntil ?? Now.AddYears(3), ["R1"], nationalId, nationalId is null ? null : "发改财金〔2026〕12号");

    public static ItemFact Seen(EntrySnapshot e, long version = 1) => new(ItemKind.ListEntry, e.ListEntryId, e.SubjectCode, ItemContents.Of(e, version, Now));

    public static ItemFact Ended(ItemKind kind, string id, WithdrawalReason reason, long version = 2, string? detail = null, DateTimeOffset? at = null) =>
        new(kind, id, Company, Ending: new ItemEnding(version, at ?? Now.AddDays(1), reason, detail ?? reason.ToString()));
}
