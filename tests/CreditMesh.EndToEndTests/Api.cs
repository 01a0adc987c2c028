using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CreditMesh.Testing;

namespace CreditMesh.EndToEndTests;

/// <summary>Clients of the running system, as its users hold them, and the records they submit.</summary>
public static class Api
{
    public const string MarketRegulation = "11440300MB2C928511";
    public const string Court = "11440300MB2C9286XQ";

    /// <summary>Every resident ID number the run sends (LogPrivacyTests looks for each in every log).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> IdNumbersSent = new() { ["11010519491231002X"] = true };

    public static HttpClient As(string role, string? unit = null, string? subject = null, string? user = null, string? address = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(address ?? SeparateProcessSystem.GatewayAddress), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.For(role, unit: unit, subject: subject, user: user));
        return client;
    }

    public static JsonObject Penalty(string subjectCode, string sourceRecordId, string severity = "General", string decisionDate = "2026-11-02") =>
        JsonNode.Parse($$"""
        { "sourceRecordId": "{{sourceRecordId}}", "category": "AdministrativePenalty",
          "subject": { "code": "{{subjectCode}}", "name": "端到端测试企业", "kind": "LegalPerson",
                       "legalRepresentative": { "name": "张三", "idNumber": "11010519491231002X" } },
          "decisionNumber": "深市监罚〔2026〕{{sourceRecordId}}号", "decisionDate": "{{decisionDate}}",
          "decidingAuthority": { "name": "深圳市市场监督管理局" }, "severity": "{{severity}}",
          "violationType": "虚假宣传", "facts": "发布虚假广告", "legalBasis": "《反不正当竞争法》第二十条",
          "penaltyCategories": ["Fine"], "penaltyContent": "罚款5万元", "fineAmount": 50000.00, "confiscatedAmount": 0 }
        """)!.AsObject();

    public static JsonObject CourtDefaulter(string subjectCode, string sourceRecordId, string decisionDate = "2026-11-02") =>
        JsonNode.Parse($$"""
        { "sourceRecordId": "{{sourceRecordId}}", "category": "CourtDefaulter",
          "subject": { "code": "{{subjectCode}}", "name": "端到端被执行企业", "kind": "LegalPerson",
                       "legalRepresentative": { "name": "李四", "idNumber": "11010519491231002X" } },
          "decisionNumber": "(2026)粤0305执{{sourceRecordId}}号", "decisionDate": "{{decisionDate}}",
          "decidingAuthority": { "name": "深圳市南山区人民法院" }, "facts": "未履行生效判决确定的给付义务" }
        """)!.AsObject();

    /// <summary>Polls until <paramref name="condition"/> holds, or fails with <paramref name="what"/> after the timeout.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        EventuallyAsync(condition, timeout, () => Task.FromResult(what));

    /// <summary>As above; <paramref name="describe"/> says what was seen last, for the failure message (with every service's log tail).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        try
        {
            await Eventually.UntilAsync(condition, "the system to converge", timeout);
        }
        catch (TimeoutException)
        {
            string seen;
            try { seen = await describe(); } catch (Exception e) { seen = e.Message; }
            Assert.Fail($"Not within {timeout}: {seen}\n{SeparateProcessSystem.LogTails()}");
        }
    }
}
