using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>
/// Answers a page's calls to routes that live on other branches (lists, repair, matching) in the browser,
/// with payloads shaped as DESIGN §5.1 says, and records what the page sent. Everything else goes to the
/// running system. Replaced by the real services in <see cref="ConsoleMergedPagesTests"/> once merged.
/// </summary>
public sealed class ContractStub
{
    private readonly List<(string Method, Regex Path, Func<JsonElement?, object> Answer)> _answers = [];

    public ConcurrentQueue<(string Method, string Path, JsonElement? Body)> Sent { get; } = new();

    /// <summary>Answers METHOD on paths matching the pattern; the answer may depend on the request's JSON body.</summary>
    public ContractStub On(string method, string pathPattern, Func<JsonElement?, object> answer)
    {
        _answers.Add((method, new Regex(pathPattern), answer));
        return this;
    }

    public ContractStub On(string method, string pathPattern, object answer) => On(method, pathPattern, _ => answer);

    public Task RouteAsync(IPage page) => page.RouteAsync(new Regex("/api/v1/(list-entries|repairs|objections|match|measures)"), async route =>
    {
        var request = route.Request;
        var path = new Uri(request.Url).PathAndQuery;
        JsonElement? body = request.PostData is { Length: > 0 } data ? JsonDocument.Parse(data).RootElement.Clone() : null;
        Sent.Enqueue((request.Method, path, body));
        var match = _answers.LastOrDefault(a => a.Method == request.Method && a.Path.IsMatch(path));
        if (match.Answer is null)
        {
            await route.FulfillAsync(new() { Status = 404, ContentType = "application/problem+json", Body = """{"title":"Not stubbed","status":404}""" });
            return;
        }
        await route.FulfillAsync(new()
        {
            Status = 200, ContentType = "application/json",
            Body = JsonSerializer.Serialize(match.Answer(body), JsonSerializerOptions.Web),
        });
    });

    public IReadOnlyList<JsonElement?> BodiesSentTo(string method, string pathPattern) =>
        Sent.Where(s => s.Method == method && Regex.IsMatch(s.Path, pathPattern)).Select(s => s.Body).ToList();
}
