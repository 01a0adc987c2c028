namespace CreditMesh.EndToEndTests;

/// <summary>
/// DESIGN §7 and issue 14: after the story, the privacy story and the fault run, no resident ID number the run sent is in any
/// service's log, the gateway's, the seed's or PostgreSQL's. Runs last (Order), while the stack and its logs are still up.
/// </summary>
[NonParallelizable]
[Order(4)]
public sealed class LogPrivacyTests
{
    [Test]
    public void No_id_number_the_run_sent_appears_in_any_log()
    {
        var files = SeparateProcessSystem.LogFiles();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "gateway.log", "registry.log", "ingestion.log", "postgres.log" }));
        var ids = Api.IdNumbersSent.Keys.SelectMany(id => new[] { id, id.ToLowerInvariant() }).Distinct().ToList();
        var leaks = new List<string>();
        var masked = 0;
        foreach (var file in files)
            foreach (var line in File.ReadLines(file))
            {
                if (ids.FirstOrDefault(line.Contains) is { } id) leaks.Add($"{Path.GetFileName(file)}: …{id[..6]}… in a line of {line.Length} characters");
                if (line.Contains("********")) masked++;
            }
        Assert.That(leaks, Is.Empty, $"{ids.Count / 2} ID numbers sent");
        Assert.That(masked, Is.GreaterThan(0), "request lines naming a person are logged masked, so the logs were not simply empty");
    }
}
