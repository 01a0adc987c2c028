using System.ComponentModel.DataAnnotations;

namespace CreditMesh.ServiceDefaults.AccessLog;

/// <summary>Configuration section "AccessLog".</summary>
public sealed class AccessLogOptions
{
    public const string Section = "AccessLog";

    /// <summary>网络安全法 art. 21 asks for at least six months; 184 days covers any six calendar months.</summary>
    [Range(184, 3650)]
    public int RetentionDays { get; set; } = 190;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);
}
