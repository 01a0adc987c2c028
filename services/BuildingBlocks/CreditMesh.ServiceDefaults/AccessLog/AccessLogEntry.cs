namespace CreditMesh.ServiceDefaults.AccessLog;

/// <summary>
/// One access to credit data (who, when, what, outcome): history reads, disclosure queries and matches.
/// Kept at least 184 days (网络安全法 art. 21: network logs at least six months).
/// </summary>
public sealed record AccessLogEntry(
    DateTimeOffset At,
    string Action,
    string? Target,
    string? Role,
    string? Unit,
    string? Subject,
    string? User,
    string Method,
    string Path,
    int Status,
    string? CorrelationId,
    string? Client);
