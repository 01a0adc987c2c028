using CreditMesh.Contracts.Vocabulary;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack.WebConsole;

/// <summary>Data the console pages show, put in through the API as a member unit would, and waits on what follows from it.</summary>
public static class ConsoleSeed
{
    /// <summary>The unit of the console's development member-unit token (gateway Console:DevelopmentUnit default).</summary>
    public const string Unit = "11440300MB2C928511";

    public static HttpClient Clerk() => RunningSystem.Client(DevTokens.For(Roles.MemberUnit, unit: Unit, user: "console-clerk"));

    public static async Task RegisterAsync(string code, string name, string kind = "LegalPerson")
    {
        using var clerk = Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code, kind, name });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the DESIGN §5.1 example penalty for the subject and returns its record id.</summary>
    public static async Task<string> PenaltyAsync(string code)
    {
        using var clerk = Clerk();
        var response = await clerk.PostAsJsonAsync("/api/v1/records", RecordsTests.Penalty(code, $"PEN-CONSOLE-{Guid.NewGuid():N}"));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordId").GetString()!;
    }

    /// <summary>Waits until the subject's credit archive holds events of all these types (the archive fills from the bus).</summary>
    public static Task ArchivedAsync(string code, params string[] types) => UntilAsync(async () =>
    {
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history");
        var archived = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToHashSet();
        return types.All(archived.Contains);
    }, $"archive of {code} holding {string.Join(", ", types)}");

    /// <summary>Waits for what another service does (at most 15 s); fails naming what never happened.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what, TimeSpan.FromSeconds(15));
}
