using Microsoft.Extensions.Options;

namespace CreditMesh.Registry.Reports;

/// <summary>Section "Reports": the CJK font PDF reports embed, and where receivers verify a report.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>
    /// A TrueType (glyf) font with Chinese glyphs, or a collection (.ttc) holding one as its first face: Debian's
    /// fonts-wqy-microhei, installed by infra/lib.sh ensure_packages. (Noto CJK is CFF-based, which PDFsharp cannot embed.)
    /// </summary>
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>Printed on every page: where the receiver of a report checks it (the console's public page).</summary>
    public string VerificationUrl { get; set; } = "http://localhost:8080/console/#/verify";
}

/// <summary>Refuses to start without the font: a report that cannot print Chinese is no report.</summary>
internal sealed class ReportOptionsValidation : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options) =>
        File.Exists(options.FontPath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Reports:FontPath {options.FontPath} does not exist: install Debian's fonts-wqy-microhei "
                                         + "(infra/run.sh and infra/test.sh do) or point Reports:FontPath at a TrueType CJK font.");
}

public static class CreditReportsSetup
{
    /// <summary>Reports' options (validated at start: the font must exist) and the issuer.</summary>
    public static WebApplicationBuilder AddCreditReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidation>();
        builder.Services.AddSingleton<ReportIssuer>();
        return builder;
    }
}
