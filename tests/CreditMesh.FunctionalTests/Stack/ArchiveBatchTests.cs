extern alias Registry;
using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using ArchiveWriter = Registry::CreditMesh.Registry.Archive.ArchiveWriter;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>The registry files integration events in batches, one transaction each, with the per-stream order and gap rules of one at a time.</summary>
public sealed class ArchiveBatchTests
{
    private static readonly Actor Unit = new("11440300MB2C928511", "clerk", Roles.MemberUnit);

    [Test]
    [CancelAfter(60_000)]
    public async Task A_batch_with_a_stream_out_of_order_and_a_repeat_archives_each_version_once_in_order(CancellationToken ct)
    {
        // Given versions 3, 1, 2 of a record stream and version 1 again, all in one batch
        var (code, stream, versions) = Stream(3);
        var archive = RunningSystem.Services["Registry"].GetRequiredService<ArchiveWriter>();

        // When the registry files the batch
        await archive.RecordAllAsync([Filed(versions[2]), Filed(versions[0]), Filed(versions[1]), Filed(versions[0])], ct);

        // Then the subject's history holds versions 1, 2, 3 once each, in that order, and verifies intact
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        Assert.That(await VersionsAsync(auditor, code, stream, ct), Is.EqualTo(new long[] { 1, 2, 3 }));
        var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
        Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_batch_missing_a_streams_first_version_waits_until_a_later_batch_brings_it(CancellationToken ct)
    {
        // Given versions 2 and 3 of a record stream arrive in one batch without version 1
        var (code, stream, versions) = Stream(3);
        var archive = RunningSystem.Services["Registry"].GetRequiredService<ArchiveWriter>();
        await archive.RecordAllAsync([Filed(versions[1]), Filed(versions[2])], ct);
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        Assert.That(await VersionsAsync(auditor, code, stream, ct), Is.Empty);

        // When version 1 comes in a later batch, together with version 3 again
        await archive.RecordAllAsync([Filed(versions[2]), Filed(versions[0])], ct);

        // Then the copy holds all three versions once, in order, and nothing is left waiting
        Assert.That(await VersionsAsync(auditor, code, stream, ct), Is.EqualTo(new long[] { 1, 2, 3 }));
        var verify = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history/verify", ct);
        Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Two_records_about_one_new_subject_register_it_once(CancellationToken ct)
    {
        // Given two different records about a subject the registry has never seen, arriving together
        var code = TestCodes.CreditCode();
        await RunningSystem.PublishAsync(ct, Accepted(code, $"record-{code}-1", 1), Accepted(code, $"record-{code}-2", 1));

        // Then it is one provisional subject at version 1
        using var reader = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        JsonElement subject;
        while (true)
        {
            using var response = await reader.GetAsync($"/api/v1/subjects/{code}", ct);
            if (response.StatusCode == HttpStatusCode.OK) { subject = await response.Content.ReadFromJsonAsync<JsonElement>(ct); break; }
            await Task.Delay(50, ct);
        }
        Assert.That((subject.GetProperty("provisional").GetBoolean(), subject.GetProperty("version").GetInt64()), Is.EqualTo((true, 1L)));
    }

    private static (string Code, string Stream, IIntegrationEvent[] Versions) Stream(int count)
    {
        var code = TestCodes.CreditCode();
        var stream = $"record-{code}-X";
        var versions = new IIntegrationEvent[count];
        versions[0] = Accepted(code, stream, 1);
        for (var v = 2; v <= count; v++)
            versions[v - 1] = new CreditRecordCorrected(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(v), code, stream, v, null, Unit, "REC-X", $"更正{v}");
        return (code, stream, versions);
    }

    // In the past: the history shows what happened up to now.
    private static CreditRecordAccepted Accepted(string code, string stream, long version) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(-1), code, stream, version, null, Unit, "REC-X", Unit.Unit!, "AdministrativePenalty", "某企业", "LegalPerson",
            new DateOnly(2026, 6, 1), "General", Disclosed: true, PublicityFrom: new DateOnly(2026, 6, 1), PublicityMaxUntil: new DateOnly(2027, 6, 1));

    private static (IIntegrationEvent, string) Filed(IIntegrationEvent e) => (e, $"{e.GetType().Name} v{e.SourceVersion}");

    private static async Task<long[]> VersionsAsync(HttpClient auditor, string code, string stream, CancellationToken ct)
    {
        var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
        return [.. history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("stream").GetString() == stream)
            .Select(e => e.GetProperty("version").GetInt64())];
    }
}
