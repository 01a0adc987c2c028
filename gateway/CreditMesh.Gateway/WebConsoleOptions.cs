using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Gateway;

/// <summary>Section "Console": where the web console's files are, and whom the development tokens act for.</summary>
public sealed class WebConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Folder of the console's static files, relative to the content root (the build output when run by infra/run.sh).</summary>
    [Required] public string Root { get; set; } = "console";

    /// <summary>Unit of the development member-unit token (the unit infra/seed.sh registers as).</summary>
    [Required, RegularExpression("^[0-9A-Z]{18}$")] public string DevelopmentUnit { get; set; } = "11440300MB2C928511";

    /// <summary>Unit of the development approver token.</summary>
    [Required] public string DevelopmentApprover { get; set; } = "DEV-APPROVER-01";

    /// <summary>Code of the development subject token (a subject infra/seed.sh registers).</summary>
    [Required, RegularExpression("^[0-9A-Z]{18}$")] public string DevelopmentSubject { get; set; } = "9144030071526726XG";
}
