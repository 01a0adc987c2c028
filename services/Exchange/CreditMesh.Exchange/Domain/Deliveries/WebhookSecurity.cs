using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.Exchange.Domain.Deliveries;

/// <summary>
/// Signed deliveries (DESIGN §4.10): <c>X-CreditMesh-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body under the
/// subscription's secret. A secret is derived from Exchange:SecretKey and the subscription id, so none is stored: it is shown once
/// when the subscription is created, and rotating the key changes every secret (ADR 0016).
/// </summary>
public static class WebhookSecurity
{
    public const string SignatureHeader = "X-CreditMesh-Signature";
    public const string DeliveryHeader = "X-CreditMesh-Delivery";
    public const string EventHeader = "X-CreditMesh-Event";

    public static string SecretFor(string key, string subscriptionId) =>
        "whsec_" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("subscription:" + subscriptionId)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute over the raw body and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));
}

/// <summary>Bounded exponential backoff between delivery rounds (DESIGN §4.10): initial × 2^(attempts − 1), at most max.</summary>
public static class DeliveryBackoff
{
    public static TimeSpan After(int failedAttempts, TimeSpan initial, TimeSpan max)
    {
        if (failedAttempts <= 0) return TimeSpan.Zero;
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, max.Ticks));
    }
}
