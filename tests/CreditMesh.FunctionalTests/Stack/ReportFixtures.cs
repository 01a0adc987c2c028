using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>What the report, notice and self-view tests set up through the API, and the waits on what follows from it.</summary>
public static class ReportFixtures
{
    public static readonly string Today = RepairFixtures.TodayInChina.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Unit A submits the DESIGN §5.1 penalty for <paramref name="code"/>, changed as given; returns the answer.</summary>
    public static async Task<JsonElement> SubmitAsync(string code, CancellationToken ct, DateOnly? decided = null, string severity = "General",
        string? content = null, string? sourceRecordId = null)
    {
        using var clerk = RepairFixtures.Clerk();
        var body = RecordsTests.Penalty(code, sourceRecordId ?? $"PEN-{Guid.NewGuid():N}");
        body["severity"] = severity;
        if (decided is { } d) body["decisionDate"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (content is not null) body["penaltyContent"] = content;
        if (severity == "Minor") body["penaltyCategories"] = new JsonArray("Warning");
        if (severity == "Minor") body.Remove("fineAmount");
        return await RepairFixtures.JsonAsync(await clerk.PostAsJsonAsync("/api/v1/records", body, ct), HttpStatusCode.Created);
    }

    public static string Id(JsonElement answer, string name = "recordId") => answer.GetProperty(name).GetString()!;

    /// <summary>Waits until the subject's credit archive holds events matching every (type, summary part) given.</summary>
    public static Task ArchivedAsync(string code, CancellationToken ct, params (string Type, string Contains)[] wanted) =>
        Eventually.UntilAsync(async () =>
        {
            using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
            var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
            var events = history.GetProperty("events").EnumerateArray()
                .Select(e => (Type: e.GetProperty("type").GetString()!, Summary: e.GetProperty("summary").GetString()!)).ToList();
            return wanted.All(w => events.Any(e => e.Type == w.Type && e.Summary.Contains(w.Contains, StringComparison.Ordinal)));
        }, $"the archive of {code} to hold {string.Join(", ", wanted.Select(w => w.Type + " " + w.Contains))}", Timeout.InfiniteTimeSpan, ct);

    /// <summary>The subject (or the credit centre) generates a report; 201 with its number, hash and code.</summary>
    public static async Task<JsonElement> GenerateAsync(HttpClient client, string code, CancellationToken ct, string purpose = "Bidding") =>
        await RepairFixtures.JsonAsync(await client.PostAsJsonAsync("/api/v1/reports", new { subjectCode = code, purpose }, ct), HttpStatusCode.Created);

    /// <summary>The text pdftotext (poppler-utils, installed by infra/test.sh) reads out of a PDF; pages end with a form feed.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"creditmesh-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await ProcessRunner.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"], TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
