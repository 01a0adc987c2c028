using System.Globalization;
using CreditMesh.Calendar;
using CreditMesh.Registry.Domain.Reports;
using PdfSharp.Drawing;

namespace CreditMesh.Registry.Reports.Pdf;

/// <summary>
/// A credit report as an A4 PDF (DESIGN §4.8): a title page with subject, purpose, generation time, number and verification
/// code; one table per section; the number and code in every page's header and "page n of N" in every footer. Chinese text
/// in the embedded CJK font (<see cref="CjkFont"/>, installed on first use).
/// </summary>
public static class ReportPdf
{
    public static byte[] Render(CreditReport report, string sha256, string verificationUrl, string fontPath)
    {
        CjkFont.Install(fontPath);
        using var canvas = new PdfCanvas((g, c) => Header(g, c, report));
        TitlePage(canvas, report, sha256, verificationUrl);
        var s = report.Sections;
        canvas.NewPage();
        Section(canvas, "一、行政许可 Administrative licences", s.Licenses, [
            new("决定文书号 Decision no.", 2.2, l => l.DecisionNumber), new("许可名称 Licence", 2.2, l => l.LicenseName),
            new("许可内容 Content", 3, l => l.LicenseContent), new("许可机关 Authority", 2.2, l => l.DecidingAuthority),
            new("决定日期 Date", 1.5, l => Day(l.DecisionDate)), new("公示截止 Disclosed until", 1.5, l => LastDay(l.PublicityEnds)),
            new("状态 Status", 1.2, l => Status(l.UnderObjection))]);
        Section(canvas, "二、行政处罚及其他失信信息 Penalties and dishonesty records", s.Penalties, [
            new("决定文书号 Decision no.", 2.2, p => p.DecisionNumber), new("类别 Category", 1.6, p => ReportLabels.Of(p.Category)),
            new("程度 Severity", 1.1, p => ReportLabels.Of(p.Severity)), new("违法行为类型 Violation", 1.8, p => p.ViolationType),
            new("处罚内容 Content", 2.6, p => p.Content), new("处罚机关 Authority", 2.1, p => p.DecidingAuthority),
            new("决定日期 Date", 1.5, p => Day(p.DecisionDate)), new("公示截止 Disclosed until", 1.5, p => LastDay(p.PublicityEnds)),
            new("状态 Status", 1.2, p => Status(p.UnderObjection))]);
        Section(canvas, "三、名单信息 List entries", s.ListEntries, [
            new("名单 List", 2.4, e => ReportLabels.Of(e.ListType)), new("认定单位 Determined by", 2.4, e => e.DeterminedBy),
            new("列入日期 From", 1.8, e => Day(ChinaTime.DayOf(e.ValidFrom))), new("有效期至 Valid through", 1.8, e => Day(ChinaTime.DayOf(e.ValidUntil.AddTicks(-1)))),
            new("条目 Entry", 3.2, e => e.ListEntryId), new("状态 Status", 1.2, e => e.UnderObjection ? "异议处理中 Under objection" : "有效 Active")]);
        Section(canvas, "四、表彰荣誉 Honours", s.Honors, [
            new("决定文书号 Decision no.", 2.2, h => h.DecisionNumber), new("荣誉内容 Honour", 4, h => h.Content),
            new("授予机关 Authority", 2.2, h => h.DecidingAuthority), new("决定日期 Date", 1.5, h => Day(h.DecisionDate)),
            new("公示截止 Disclosed until", 1.5, h => LastDay(h.PublicityEnds)), new("状态 Status", 1.2, h => Status(h.UnderObjection))]);
        Section(canvas, "五、信用承诺及履约 Commitments and breaches", s.Commitments, [
            new("类别 Category", 1.6, c => ReportLabels.Of(c.Category)), new("文书号 Document no.", 2.2, c => c.DecisionNumber),
            new("内容 Content", 4, c => c.Content), new("机关 Authority", 2.2, c => c.DecidingAuthority),
            new("日期 Date", 1.5, c => Day(c.DecisionDate)), new("状态 Status", 1.2, c => Status(c.UnderObjection))]);
        Heading(canvas, "六、公共信用综合评价 Public credit evaluation");
        canvas.Table<(string, string)>([new("项目 Item", 1, r => r.Item1), new("内容 Value", 3, r => r.Item2)], [
            ("评价结果 Result", s.Evaluation.Statement), ("等级 Grade", s.Evaluation.Grade ?? "—"),
            ("分数 Score", s.Evaluation.Score?.ToString(CultureInfo.InvariantCulture) ?? "—"), ("模型版本 Model version", s.Evaluation.ModelVersion ?? "—"),
            ("评价时间 Evaluated at", s.Evaluation.EvaluatedAt is { } at ? Instant(at) : "—")]);
        Heading(canvas, "说明 Notes");
        foreach (var note in report.Notes) canvas.Paragraph("· " + note, 8.5, muted: true);
        return canvas.Finish((page, pages) => $"第 {page} 页 共 {pages} 页 · Page {page} of {pages} · 报告编号 {report.ReportNumber} · 验证码 {report.VerificationCode}");
    }

    private static void Header(XGraphics g, PdfCanvas canvas, CreditReport report)
    {
        var font = canvas.Font(8);
        g.DrawString($"公共信用信息报告 Credit report  {report.ReportNumber}", font, PdfCanvas.Brush(muted: true),
            new XRect(PdfCanvas.Margin, 36, PdfCanvas.Width, 12), XStringFormats.TopLeft);
        g.DrawString($"验证码 Verification code  {report.VerificationCode}", font, PdfCanvas.Brush(accent: true),
            new XRect(PdfCanvas.Margin, 36, PdfCanvas.Width, 12), XStringFormats.TopRight);
        g.DrawLine(new XPen(XColor.FromArgb(176, 31, 36), 0.8), PdfCanvas.Margin, 52, PdfCanvas.Margin + PdfCanvas.Width, 52);
    }

    private static void TitlePage(PdfCanvas canvas, CreditReport report, string sha256, string verificationUrl)
    {
        canvas.NewPage();
        canvas.Skip(70);
        canvas.Paragraph("公共信用信息报告", 28, accent: true);
        canvas.Paragraph("Public credit information report", 14, muted: true);
        canvas.Skip(30);
        var subject = report.Subject;
        canvas.Table<(string, string)>([new("项目 Item", 1.2, r => r.Item1), new("内容 Value", 3, r => r.Item2)], [
            ("主体名称 Subject", subject.Name), ("主体代码 Code", subject.Code), ("主体类型 Kind", ReportLabels.Of(subject.Kind)),
            ("法定代表人 Legal representative", subject.LegalRepresentative is { } rep ? $"{rep.Name}  {rep.IdNumber}" : "—"),
            ("报告用途 Purpose", ReportLabels.Purpose(report.Purpose)), ("生成时间 Generated at", Instant(report.GeneratedAt)),
            ("报告编号 Report number", report.ReportNumber), ("验证码 Verification code", report.VerificationCode),
            ("SHA-256（报告 JSON 规范形式 canonical JSON）", sha256), ("核验地址 Verify at", verificationUrl)], size: 10);
        var s = report.Sections;
        canvas.Skip(10);
        canvas.Paragraph($"本报告含行政许可 {s.Licenses.Count} 条、处罚及失信信息 {s.Penalties.Count} 条、名单 {s.ListEntries.Count} 条、表彰 {s.Honors.Count} 条、"
                         + $"承诺及履约 {s.Commitments.Count} 条。 Licences {s.Licenses.Count}, penalties {s.Penalties.Count}, list entries "
                         + $"{s.ListEntries.Count}, honours {s.Honors.Count}, commitments {s.Commitments.Count}.", 9, muted: true);
    }

    private static void Section<T>(PdfCanvas canvas, string title, IReadOnlyList<T> items, IReadOnlyList<PdfColumn<T>> columns)
    {
        Heading(canvas, $"{title}（{items.Count}）");
        if (items.Count == 0) canvas.Paragraph("无 None", 9, muted: true);
        else canvas.Table(columns, items);
        canvas.Skip(6);
    }

    private static void Heading(PdfCanvas canvas, string title)
    {
        canvas.Need(60);
        canvas.Paragraph(title, 12, accent: true);
        canvas.Skip(4);
    }

    private static string Status(bool underObjection) => underObjection ? "异议处理中 Under objection" : "公示中 Disclosed";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last day of disclosure: the day before publicity ends.</summary>
    private static string LastDay(DateOnly? ends) => ends is { } d ? Day(d.AddDays(-1)) : "—";

    private static string Instant(DateTimeOffset at) =>
        at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "（北京时间 UTC+8）";
}
