using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CreditMesh.Testing;

/// <summary>Development tokens as infra/token.sh mints them (HS256, issuer creditmesh-dev, audience creditmesh).</summary>
public static class DevTokens
{
    public const string DevelopmentKey = "creditmesh-development-signing-key-not-for-production";

    public static string For(string role, string? unit = null, string? subject = null, string? user = null,
        TimeSpan? lifetime = null, string key = DevelopmentKey, DateTimeOffset? now = null, string issuer = "creditmesh-dev",
        IReadOnlyDictionary<string, object>? claimsOverride = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = "creditmesh", ["sub"] = user ?? $"test-{role}", ["role"] = role,
            ["iat"] = issuedAt, ["nbf"] = issuedAt, ["exp"] = issuedAt + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds,
        };
        if (unit is not null) claims["unit"] = unit;
        if (subject is not null) claims["subject"] = subject;
        foreach (var (name, value) in claimsOverride ?? new Dictionary<string, object>()) claims[name] = value;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>A correctly signed token whose role claim is a JSON array (DESIGN §5: one string, else 401).</summary>
    public static string RoleList(string unit, params string[] roles) =>
        For(roles[0], unit: unit, claimsOverride: new Dictionary<string, object> { ["role"] = roles });

    /// <summary>A token that expired an hour ago.</summary>
    public static string Expired(string role) => For(role, now: DateTimeOffset.UtcNow.AddHours(-2));

    /// <summary>A token signed with another key.</summary>
    public static string WrongSignature(string role) => For(role, key: "another-key-that-is-long-enough-for-hs256-signing");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
