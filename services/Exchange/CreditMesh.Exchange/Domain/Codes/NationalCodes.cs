using CreditMesh.Calendar;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Identifiers;

namespace CreditMesh.Exchange.Domain.Codes;

/// <summary>
/// Feed payloads in the national 双公示 exchange codes (DESIGN §4.10; the table is docs/exchange-codes.md): CF_… for administrative
/// penalties, XK_… for licences, XY_… for the platform's other record categories, MD_… for list entries, and TZGX_… on a withdrawal
/// (停止共享). Dates are YYYY-MM-DD in China Standard Time; amounts are yuan; absent values are left out.
/// </summary>
public static class NationalCodes
{
    public static IReadOnlyDictionary<string, object?> ForRecord(RecordSnapshot r) => r.Category switch
    {
        RecordCategories.AdministrativePenalty => Penalty(r),
        RecordCategories.AdministrativeLicense => License(r),
        _ => OtherRecord(r),
    };

    private static SortedDictionary<string, object?> Penalty(RecordSnapshot r)
    {
        var c = r.Content;
        var codes = Subject("CF", r.SubjectCode, r.SubjectName, r.SubjectKind, r.LegalRepresentativeName);
        Put(codes, "CF_WSH", c?.DecisionNumber);                                  // 行政处罚决定书文号
        Put(codes, "CF_WFXW", c?.ViolationType);                                  // 违法行为类型
        Put(codes, "CF_SY", c?.Facts);                                            // 违法事实
        Put(codes, "CF_YJ", c?.LegalBasis);                                       // 处罚依据
        Put(codes, "CF_CFLB", c?.PenaltyCategories is { Count: > 0 } kinds        // 处罚类别
            ? string.Join(";", kinds.Select(k => CodeNames.Of(CodeNames.PenaltyCategories, k))) : null);
        Put(codes, "CF_NR", c?.PenaltyContent);                                   // 处罚内容
        Put(codes, "CF_FKJE", c?.FineAmount);                                     // 罚款金额（元）
        Put(codes, "CF_NR_WFFF", c?.ConfiscatedAmount);                           // 没收违法所得、没收非法财物的金额（元）
        Put(codes, "CF_JDRQ", Day(r.DecisionDate));                               // 处罚决定日期
        Put(codes, "CF_YXQ", Day(r.ValidUntil));                                  // 处罚有效期
        Put(codes, "CF_GSJZQ", LastDay(r.PublicityMaxUntil));                     // 公示截止期
        Put(codes, "CF_CFJG", c?.DecidingAuthorityName);                          // 处罚机关
        Put(codes, "CF_CFJGDM", c?.DecidingAuthorityCode);                        // 处罚机关统一社会信用代码
        Put(codes, "CF_SJLYDM", r.SourceUnit);                                    // 数据来源单位统一社会信用代码
        Put(codes, "CF_YZCD", r.Severity);                                        // 严重程度 (platform tier, 国办发〔2025〕22号)
        return codes;
    }

    private static SortedDictionary<string, object?> License(RecordSnapshot r)
    {
        var c = r.Content;
        var codes = Subject("XK", r.SubjectCode, r.SubjectName, r.SubjectKind, r.LegalRepresentativeName);
        Put(codes, "XK_WSH", c?.DecisionNumber);                                  // 行政许可决定文书号
        Put(codes, "XK_XKZS", c?.LicenseName);                                    // 许可证书名称
        Put(codes, "XK_NR", c?.LicenseContent);                                   // 许可内容
        Put(codes, "XK_JDRQ", Day(r.DecisionDate));                               // 许可决定日期
        Put(codes, "XK_YXQZ", Day(c?.LicenseValidFrom));                          // 有效期自
        Put(codes, "XK_YXQJZ", Day(c?.LicenseValidUntil));                        // 有效期至
        Put(codes, "XK_GSJZQ", LastDay(r.PublicityMaxUntil));                     // 公示截止期
        Put(codes, "XK_XKJG", c?.DecidingAuthorityName);                          // 许可机关
        Put(codes, "XK_XKJGDM", c?.DecidingAuthorityCode);                        // 许可机关统一社会信用代码
        Put(codes, "XK_SJLYDM", r.SourceUnit);                                    // 数据来源单位统一社会信用代码
        return codes;
    }

    private static SortedDictionary<string, object?> OtherRecord(RecordSnapshot r)
    {
        var c = r.Content;
        var codes = Subject("XY", r.SubjectCode, r.SubjectName, r.SubjectKind, r.LegalRepresentativeName);
        Put(codes, "XY_XXLB", CodeNames.Of(CodeNames.Categories, r.Category));   // 信息类别
        Put(codes, "XY_WSH", c?.DecisionNumber);                                  // 文书号
        Put(codes, "XY_WFXW", c?.ViolationType);                                  // 违法行为类型 (税收)
        Put(codes, "XY_NR", c?.Facts);                                            // 内容：未履行义务、承诺、荣誉
        Put(codes, "XY_YJ", c?.LegalBasis);                                       // 依据
        Put(codes, "XY_JDRQ", Day(r.DecisionDate));                               // 决定/认定日期
        Put(codes, "XY_YXQ", Day(r.ValidUntil));                                  // 有效期至
        Put(codes, "XY_GSJZQ", LastDay(r.PublicityMaxUntil));                     // 公示截止期
        Put(codes, "XY_RDJG", c?.DecidingAuthorityName);                          // 认定机关
        Put(codes, "XY_RDJGDM", c?.DecidingAuthorityCode);                        // 认定机关统一社会信用代码
        Put(codes, "XY_SJLYDM", r.SourceUnit);                                    // 数据来源单位统一社会信用代码
        return codes;
    }

    public static IReadOnlyDictionary<string, object?> ForEntry(EntrySnapshot e)
    {
        var codes = Subject("MD", e.SubjectCode, e.SubjectName, null, null);
        Put(codes, "MD_TMBH", e.ListEntryId);                                     // 名单条目编号
        Put(codes, "MD_LX", CodeNames.Of(CodeNames.ListTypes, e.ListType));       // 名单类型
        Put(codes, "MD_LXDM", e.ListType);                                        // 名单类型代码
        Put(codes, "MD_ZL", CodeNames.Of(CodeNames.ListKinds, e.ListType));       // 名单种类
        Put(codes, "MD_RDDW", e.DeterminedBy);                                    // 认定单位
        Put(codes, "MD_RDYJ", e.BasisRecordIds.Count > 0 ? string.Join(";", e.BasisRecordIds) : e.Basis); // 认定依据
        Put(codes, "MD_LRRQ", Day(ChinaTime.DayOf(e.ValidFrom)));                // 列入日期
        Put(codes, "MD_YXQZ", LastDayOf(e.ValidUntil));                           // 有效期至
        return codes;
    }

    /// <summary>停止共享: what identifies the item the national platform holds (its subject and document fields), the reason and the day.</summary>
    public static IReadOnlyDictionary<string, object?> Withdrawal(IReadOnlyDictionary<string, object?> shared, WithdrawalReason reason, DateTimeOffset at)
    {
        var codes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in shared)
            if (IdentifyingSuffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal))) codes[key] = value;
        codes["TZGX_YY"] = CodeNames.Withdrawals[reason];                        // 停止共享原因
        codes["TZGX_YYDM"] = reason.ToString();                                   // 停止共享原因代码
        codes["TZGX_RQ"] = Day(ChinaTime.DayOf(at));                             // 停止共享日期
        return codes;
    }

    private static readonly string[] IdentifyingSuffixes =
        ["_XDR_MC", "_XDR_LB", "_XDR_SHXYM", "_XDR_ZJLX", "_XDR_ZJHM", "_WSH", "_XXLB", "_TMBH", "_LX", "_LXDM"];

    /// <summary>行政相对人: a natural person is named by ID type and number, anyone else by the unified social credit code.</summary>
    private static SortedDictionary<string, object?> Subject(string prefix, string code, string? name, string? kind, string? representative)
    {
        var person = kind is null ? ResidentIdNumber.Validate(code).IsValid : kind == "NaturalPerson";
        var codes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        Put(codes, $"{prefix}_XDR_MC", name);                                     // 行政相对人名称
        Put(codes, $"{prefix}_XDR_LB", person ? "自然人" : "法人及非法人组织");     // 行政相对人类别
        if (person)
        {
            Put(codes, $"{prefix}_XDR_ZJLX", "身份证");                            // 证件类型
            Put(codes, $"{prefix}_XDR_ZJHM", code);                               // 证件号码
        }
        else Put(codes, $"{prefix}_XDR_SHXYM", code);                             // 统一社会信用代码
        Put(codes, $"{prefix}_FRDB", representative);                             // 法定代表人
        return codes;
    }

    private static void Put(SortedDictionary<string, object?> codes, string key, object? value)
    {
        if (value is not null && value is not "") codes[key] = value;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Publicity runs up to, not including, its maximum day (PublicityWindow): the last day shown is the one before.</summary>
    private static string? LastDay(DateOnly? exclusiveEnd) => Day(exclusiveEnd?.AddDays(-1));

    /// <summary>An entry's validUntil is an exclusive instant (ADR 0007): its last day is the day of the instant just before.</summary>
    private static string? LastDayOf(DateTimeOffset exclusiveEnd) => Day(ChinaTime.DayOf(exclusiveEnd.AddTicks(-1)));
}
