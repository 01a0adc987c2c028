using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditMesh.Testing;
using Npgsql;

namespace CreditMesh.EndToEndTests;

/// <summary>
/// DESIGN §7: nothing acknowledged is lost. A member unit ingests 12,000 records in batches through the gateway
/// while, in turn, each service and the gateway is killed with SIGKILL and restarted, RabbitMQ is stopped and
/// started again, and PostgreSQL is restarted. The unit retries what failed (same keys, so retries are
/// idempotent). Afterwards every outcome is counted.
/// </summary>
[NonParallelizable]
[Order(3)] // LogPrivacyTests reads the logs of every test before it
public sealed class FaultTests
{
    private const int Records = 12_000;
    private const int BatchSize = 500;
    private const int CourtRecordEvery = 100;

    [Test]
    public async Task Every_accepted_record_and_derived_entry_is_present_exactly_once_after_kills_and_restarts()
    {
        // Given a unit with 24 batches of records to send (every 100th a court defaulter record)
        var run = Guid.NewGuid().ToString("N")[..8];
        var subjects = Enumerable.Range(0, 400).Select(_ => TestCodes.CreditCode()).ToArray();
        var batches = Enumerable.Range(0, Records / BatchSize).Select(b => new JsonObject
        {
            ["records"] = new JsonArray(Enumerable.Range(b * BatchSize, BatchSize).Select(i => (JsonNode)(i % CourtRecordEvery == 0
                ? Api.CourtDefaulter(subjects[i % subjects.Length], $"F{run}-{i}")
                : Api.Penalty(subjects[i % subjects.Length], $"F{run}-{i}"))).ToArray()),
        }).ToArray();
        var accepted = new ConcurrentDictionary<string, string>();
        var plan = FaultPlan();
        var segment = batches.Length / plan.Length;
        var retries = 0;
        using var unit = Api.As("member-unit", unit: Api.MarketRegulation, user: "fault-clerk");

        // When the unit ingests them in segments, and during each segment one part of the system is broken and restarted
        for (var step = 0; step < plan.Length; step++)
        {
            var firstSent = new TaskCompletionSource();
            var part = batches.Skip(step * segment).Take(step == plan.Length - 1 ? batches.Length - step * segment : segment).ToArray();
            var ingestion = Task.Run(async () =>
            {
                foreach (var batch in part)
                {
                    Interlocked.Add(ref retries, await SendUntilAnsweredAsync(unit, batch, accepted) - 1);
                    firstSent.TrySetResult();
                }
            });
            await firstSent.Task.WaitAsync(TimeSpan.FromMinutes(5));
            await BreakAsync(plan[step]);
            // run.sh starts what is missing (the killed process, the stopped broker or database) and waits until every
            // service is ready again: after the broker restart the services reconnect by themselves (ADR 0013), no restart.
            await SeparateProcessSystem.RestartMissingAsync();
            await ingestion;
        }
        TestContext.Progress.WriteLine($"broken in turn: {string.Join(", ", plan)}; batch attempts that had to be repeated: {retries}");

        // Then every record the unit sent is accepted once, under the id its key names
        Assert.That(accepted, Has.Count.EqualTo(Records), "every record answered Accepted or Duplicate");
        var recordStreams = accepted.Values.Select(id => $"record-{id}").ToArray();
        await using (var ingestionDb = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("ingestion")))
        {
            await ingestionDb.OpenAsync();
            Assert.That(await CountAsync(ingestionDb, "select count(*) from mt_events where version = 1 and stream_id = any($1)", recordStreams),
                Is.EqualTo(Records), "one accepted event per record");
        }

        // and the registry's archive holds each record's acceptance exactly once (one archive event per source version)
        await Api.EventuallyAsync(async () =>
        {
            await using var registry = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("registry"));
            await registry.OpenAsync();
            return await CountAsync(registry, "select count(*) from archive_heads where source_stream = any($1)", recordStreams) == Records;
        }, TimeSpan.FromMinutes(4), async () =>
        {
            await using var registry = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("registry"));
            await registry.OpenAsync();
            var archived = await CountAsync(registry, "select count(*) from archive_heads where source_stream = any($1)", recordStreams);
            var pending = await CountAsync(registry, "select count(*) from archive_pending where source_stream = any($1)", recordStreams);
            return $"the registry archive has every accepted record: {archived} of {Records} archived, {pending} pending; queues: " +
                string.Join(", ", (await QueueDepthsAsync()).Where(q => q.Value > 0).Select(q => $"{q.Key}={q.Value}"));
        });
        await using (var registry = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("registry")))
        {
            await registry.OpenAsync();
            Assert.That(await CountAsync(registry, "select count(*) from archive_timeline where source_stream = any($1)", recordStreams),
                Is.EqualTo(Records), "no acceptance archived twice");
        }

        // and lists derived each court record's entry exactly once, and one key-attention entry per subject
        var courtRecords = Enumerable.Range(0, Records).Where(i => i % CourtRecordEvery == 0).Select(i => accepted[$"F{run}-{i}"]).ToArray();
        await Api.EventuallyAsync(async () =>
        {
            await using var lists = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("lists"));
            await lists.OpenAsync();
            return await CountAsync(lists, "select count(*) from list_entries, unnest(basis_record_ids) b where list_type = 'CourtDefaulter' and b = any($1)", courtRecords)
                == courtRecords.Length;
        }, TimeSpan.FromMinutes(4), "lists has an entry for every court record");
        // (the subjects every 100th record lands on get only court records: all of theirs are court records)
        var penalised = Enumerable.Range(0, Records).Where(i => i % CourtRecordEvery != 0).Select(i => subjects[i % subjects.Length]).Distinct().ToArray();
        await using (var lists = new NpgsqlConnection(SeparateProcessSystem.ConnectionString("lists")))
        {
            await lists.OpenAsync();
            Assert.That(await CountAsync(lists, "select count(*) from list_entries where list_type = 'CourtDefaulter' and status = 'Active' and subject_code = any($1)", subjects),
                Is.EqualTo(courtRecords.Length), "one active entry per court record, none twice");
            Assert.That(await CountAsync(lists, """
                select count(*) from (select subject_code from list_entries where list_type = 'KeyAttention' and status in ('Proposed', 'Active')
                and subject_code = any($1) group by subject_code having count(*) = 1) one
                """, subjects), Is.EqualTo(penalised.Length), "each subject with general penalties this year has exactly one live key-attention entry");
        }

        // and the national feed, read from the start, gives every disclosed record exactly once, in sequence order, with no gap
        using var national = Api.As("exchange", unit: "NATIONAL-FAULT", user: "fault-national");
        var ours = accepted.Values.ToHashSet(StringComparer.Ordinal);
        List<JsonElement> feed = [];
        await Api.EventuallyAsync(async () =>
        {
            feed = await ReadFeedAsync(national);
            return feed.Count(i => i.GetProperty("type").GetString() == "RecordDisclosed" && ours.Contains(i.GetProperty("sourceId").GetString()!)) >= Records;
        }, TimeSpan.FromMinutes(4), async () => $"the feed discloses every accepted record: {feed.Count(i => i.GetProperty("type").GetString() == "RecordDisclosed"
            && ours.Contains(i.GetProperty("sourceId").GetString()!))} of {Records}; queues: "
            + string.Join(", ", (await QueueDepthsAsync()).Where(q => q.Value > 0).Select(q => $"{q.Key}={q.Value}")));
        var disclosed = feed.Where(i => i.GetProperty("type").GetString() == "RecordDisclosed" && ours.Contains(i.GetProperty("sourceId").GetString()!))
            .Select(i => i.GetProperty("sourceId").GetString()).ToList();
        Assert.That(disclosed, Is.Unique, "no record disclosed twice in the feed");
        Assert.That(disclosed, Has.Count.EqualTo(Records));
        Assert.That(feed.Select(i => i.GetProperty("sequence").GetInt64()), Is.EqualTo(Enumerable.Range(1, feed.Count).Select(n => (long)n)),
            "the feed's sequences are 1, 2, 3 … in order, none missing or repeated");

        // and matching converged: every court-listed subject is prohibited from procurement by each of its entries
        using var approver = Api.As("approver", unit: "APPROVAL-FAULT", user: "fault-approver");
        foreach (var listed in Enumerable.Range(0, Records).Where(i => i % CourtRecordEvery == 0).Select(i => subjects[i % subjects.Length]).Distinct())
        {
            var expected = Enumerable.Range(0, Records).Count(i => i % CourtRecordEvery == 0 && subjects[i % subjects.Length] == listed);
            await Api.EventuallyAsync(async () =>
            {
                using var response = await approver.PostAsJsonAsync("/api/v1/match", new { subjectCode = listed, matterCode = "GOV_PROCUREMENT" });
                var match = await response.Content.ReadFromJsonAsync<JsonElement>();
                return response.IsSuccessStatusCode && match.GetProperty("decision").GetString() == "Prohibit"
                    && match.GetProperty("hits").EnumerateArray().Count(h => h.GetProperty("listType").GetString() == "CourtDefaulter") == expected;
            }, TimeSpan.FromMinutes(2), $"matching hits all {expected} court entries of {listed}");
        }

        // and no queue holds a message it cannot deliver
        await Api.EventuallyAsync(async () => (await QueuesWithMessagesAsync()).Count == 0, TimeSpan.FromMinutes(6),
            async () => "every queue drained; still holding messages: " + string.Join(", ", (await QueueDepthsAsync()).Where(q => q.Value > 0).Select(q => $"{q.Key}={q.Value}")));
        var errorQueues = (await QueueDepthsAsync()).Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) && q.Value > 0).ToList();
        Assert.That(errorQueues, Is.Empty, $"no message ended in an error queue; what the services logged when one did:\n{FaultedMessages()}");
    }

    /// <summary>MassTransit's R-FAULT lines (a message moved to _error after its retries) with the exception lines after them.</summary>
    private static string FaultedMessages() => string.Join("\n", SeparateProcessSystem.LogFiles().SelectMany(file =>
    {
        var lines = File.ReadAllLines(file);
        return lines.Select((line, i) => (line, i)).Where(l => l.line.Contains("R-FAULT", StringComparison.Ordinal))
            .Select(l => $"{Path.GetFileName(file)}: {string.Join("\n  ", lines.Skip(l.i).Take(8))}");
    }).Take(5));

    /// <summary>Each service and the gateway killed in turn, then the broker and the database restarted.</summary>
    private static string[] FaultPlan() => [.. SeparateProcessSystem.ServiceNames, "gateway", "rabbitmq", "postgres"];

    private static Task BreakAsync(string victim) => victim switch
    {
        "rabbitmq" => SeparateProcessSystem.StopRabbitMqAsync(),
        "postgres" => SeparateProcessSystem.StopPostgresAsync(),
        _ => SeparateProcessSystem.KillAsync(victim),
    };

    /// <summary>Sends one batch until the system answers it (a unit retries with the same keys); returns the attempts.</summary>
    private static async Task<int> SendUntilAnsweredAsync(HttpClient unit, JsonObject batch, ConcurrentDictionary<string, string> accepted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await unit.PostAsJsonAsync("/api/v1/records/batch", batch);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    foreach (var result in body.GetProperty("results").EnumerateArray())
                    {
                        var status = result.GetProperty("status").GetString();
                        Assert.That(status, Is.AnyOf("Accepted", "Duplicate"), result.ToString());
                        accepted[result.GetProperty("sourceRecordId").GetString()!] = result.GetProperty("recordId").GetString()!;
                    }
                    return attempt;
                }
                Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(500).Or.EqualTo(429), await response.Content.ReadAsStringAsync());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The gateway is down or the request timed out: the unit sends the same batch again.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"a batch got no answer for 5 minutes ({attempt} attempts)");
            await Task.Delay(250);
        }
    }

    /// <summary>The whole feed as a national client reads it: page after page from the start, following <c>next</c>.</summary>
    private static async Task<List<JsonElement>> ReadFeedAsync(HttpClient national)
    {
        var items = new List<JsonElement>();
        for (string? after = "0"; after is not null;)
        {
            var page = await national.GetFromJsonAsync<JsonElement>($"/api/v1/exchange/feed?after={after}&limit=1000");
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        return items;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, string[] ids)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = ids } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<string, long>> QueueDepthsAsync()
    {
        var output = await SeparateProcessSystem.LibAsync("rabbit_cli rabbitmqctl -q -n \"$CM_RABBIT_NODE\" list_queues name messages");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], out _))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<string>> QueuesWithMessagesAsync() =>
        [.. (await QueueDepthsAsync()).Where(q => q.Value > 0 && !q.Key.EndsWith("_error", StringComparison.Ordinal)).Select(q => q.Key)];
}
