using CreditMesh.Contracts.Vocabulary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace CreditMesh.Gateway;

/// <summary>
/// GET /console/dev-tokens, Development only: one token per role, minted exactly as infra/token.sh does
/// (HS256 with the first Auth:SigningKey, the configured issuer and audience, one hour), so the console's
/// login can offer "pick a role". Mapped only in Development, where the key is the published one anyway.
/// </summary>
public static class DevelopmentTokens
{
    public sealed record DevelopmentToken(string Role, string Label, string? Unit, string? Subject, string Token);
    public sealed record DevelopmentTokensResponse(IReadOnlyList<DevelopmentToken> Items);

    public static IResult List(IOptions<AuthOptions> auth, IOptions<WebConsoleOptions> console, TimeProvider time)
    {
        var (a, c, now) = (auth.Value, console.Value, time.GetUtcNow());
        DevelopmentToken Mint(string role, string label, string? unit = null, string? subject = null) =>
            new(role, label, unit, subject, Sign(a, now, role, unit, subject));
        var items = new List<DevelopmentToken>
        {
            Mint(Roles.Public, "公众 Public"),
            Mint(Roles.Auditor, "审计人员 Auditor"),
            Mint(Roles.MemberUnit, "成员单位 Member unit", unit: c.DevelopmentUnit),
            Mint(Roles.CreditCenter, "信用中心 Credit centre"),
            Mint(Roles.Approver, "审批系统 Approval system", unit: c.DevelopmentApprover),
            Mint(Roles.Subject, "信用主体 Subject", subject: c.DevelopmentSubject),
        };
        return TypedResults.Ok(new DevelopmentTokensResponse(items));
    }

    private static string Sign(AuthOptions auth, DateTimeOffset now, string role, string? unit, string? subject)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            [Claims.User] = $"console-{role}", ["iss"] = auth.Issuer, ["aud"] = auth.Audience, [Claims.Role] = role,
            ["iat"] = issuedAt, ["nbf"] = issuedAt, ["exp"] = issuedAt + 3600,
        };
        if (unit is not null) claims[Claims.Unit] = unit;
        if (subject is not null) claims[Claims.Subject] = subject;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.Keys.First()), Encoding.UTF8.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
