namespace CreditMesh.Registry.Reports.Pdf;

/// <summary>How a printed report names the platform's enumerations: Chinese first, as on a 信用门户 (the console's labels.js says the same).</summary>
public static class ReportLabels
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["AdministrativePenalty"] = "行政处罚", ["AdministrativeLicense"] = "行政许可", ["CourtDefaulter"] = "失信被执行人",
        ["MajorTaxViolation"] = "重大税收违法", ["CreditCommitment"] = "信用承诺", ["CommitmentBreach"] = "违背承诺", ["Honor"] = "表彰荣誉",
        ["Minor"] = "轻微", ["General"] = "一般", ["Serious"] = "严重",
        ["SeriousDishonesty"] = "严重失信主体名单", ["KeyAttention"] = "重点关注名单", ["RedList"] = "红名单",
        ["LegalPerson"] = "法人", ["NaturalPerson"] = "自然人", ["Organization"] = "非法人组织", ["Government"] = "机关",
        ["Bidding"] = "招标投标", ["Financing"] = "融资信贷", ["Application"] = "行政审批与申报",
    };

    /// <summary>"中文 Value" for a known value; General reads as 通用 when it is a purpose, 一般 when it is a severity.</summary>
    public static string Of(string? value) => value is null ? "—" : Names.TryGetValue(value, out var name) ? $"{name} {value}" : value;

    public static string Purpose(string purpose) => purpose == "General" ? "通用 General" : Of(purpose);
}
