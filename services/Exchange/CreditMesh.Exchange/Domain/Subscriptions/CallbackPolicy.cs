namespace CreditMesh.Exchange.Domain.Subscriptions;

/// <summary>
/// No SSRF (DESIGN §4.10, §7): a callback is an absolute http(s) URL without credentials whose host is on Exchange:CallbackAllowList
/// (compared without case); every other host — loopback and private addresses included — is refused, and so are redirects when
/// delivering (<see cref="Delivery.DeliverySender"/>). The same check runs again before each delivery, so narrowing the list stops
/// deliveries to a host at once.
/// </summary>
public sealed class CallbackPolicy(IEnumerable<string> allowedHosts)
{
    public const int MaxLength = 2048;

    private readonly HashSet<string> _allowed = new(allowedHosts.Select(Normalize).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> AllowedHosts => _allowed;

    /// <summary>Null when the URL may be called back, else why not (for a 400 naming callbackUrl).</summary>
    public string? Refusal(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "callbackUrl is required: the HTTPS address deliveries are posted to.";
        if (url.Length > MaxLength) return $"callbackUrl has at most {MaxLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "callbackUrl must be an absolute http or https URL.";
        if (uri.UserInfo.Length > 0) return "callbackUrl must not carry a user name or password.";
        if (uri.Fragment.Length > 0) return "callbackUrl must not carry a fragment.";
        var host = Normalize(uri.Host);
        return _allowed.Contains(host)
            ? null
            : $"callbackUrl's host {host} is not on Exchange:CallbackAllowList ({(_allowed.Count == 0 ? "empty" : string.Join(", ", _allowed.Order()))}); callbacks go only to allow-listed hosts.";
    }

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
