using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>
/// Issue 14's leaks, each shown closed (DESIGN §7, ADR 0012): a natural person's ID number reaches member units, approvers,
/// subjects and the public only masked (first 6, last 4) — as a code, inside an actor id, in a Location header and inside
/// disclosed free text — while auditors and the credit centre see it whole; and no host logs it.
/// </summary>
public sealed class MaskingTests
{
    private static string Masked(string id) => id[..6] + "********" + id[14..];

    private static string Person() => TestCodes.IdNumber(new DateOnly(1972, 2, 29), Random.Shared.Next(1000));

    /// <summary>A General penalty (decided four months ago) about a natural person, known to repair.</summary>
    private static Task<string> PersonsPenaltyAsync(string person, CancellationToken ct) =>
        PenaltyKnownToRepairAsync(person, TodayInChina.AddMonths(-4), ct, body =>
        {
            body["subject"]!["kind"] = "NaturalPerson";
            body["subject"]!.AsObject().Remove("legalRepresentative");
        });

    [Test]
    public async Task The_location_of_a_registered_natural_person_is_masked_for_the_registering_unit()
    {
        var person = Person();
        using var clerk = Clerk();
        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));

        var byUnit = await clerk.PostAsJsonAsync("/api/v1/subjects", new { code = person, kind = "NaturalPerson", name = "王某" });
        var byCentre = await centre.PostAsJsonAsync("/api/v1/subjects", new { code = Person(), kind = "NaturalPerson", name = "李某" });

        Assert.That(byUnit.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(byUnit.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/subjects/{Masked(person)}"));
        Assert.That((await byUnit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo(Masked(person)));
        Assert.That(byCentre.Headers.Location?.ToString(), Does.Not.Contain("*"), "the credit centre sees personal data");
    }

    [Test]
    public async Task Error_messages_that_name_a_person_show_the_number_masked()
    {
        var person = Person();
        using var clerk = Clerk();

        var notFound = await clerk.GetAsync($"/api/v1/subjects/{person}");

        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await notFound.Content.ReadAsStringAsync(), Does.Contain(Masked(person)).And.Not.Contain(person));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_persons_list_entries_show_the_code_masked_to_a_member_unit_that_asks_by_it(CancellationToken ct)
    {
        var person = Person();
        using var clerk = Clerk();
        var record = RecordsTests.Penalty(person, $"CD-{Guid.NewGuid():N}");
        foreach (var field in new[] { "severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent", "fineAmount", "confiscatedAmount", "subject" })
            record.Remove(field);
        record["subject"] = new System.Text.Json.Nodes.JsonObject { ["code"] = person, ["name"] = "王某", ["kind"] = "NaturalPerson" };
        (record["category"], record["facts"]) = ("CourtDefaulter", "未履行生效判决确定的给付义务");
        await JsonAsync(await clerk.PostAsJsonAsync("/api/v1/records", record, ct), HttpStatusCode.Created);
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        JsonElement seen;
        do seen = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={person}", ct);
        while (seen.GetProperty("items").GetArrayLength() == 0 && await Delay(ct));

        var byUnit = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/list-entries?subjectCode={person}", ct);

        Assert.That(byUnit.GetProperty("items")[0].GetProperty("subjectCode").GetString(), Is.EqualTo(Masked(person)));
        Assert.That(seen.GetProperty("items")[0].GetProperty("subjectCode").GetString(), Is.EqualTo(person));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_persons_actor_id_in_repair_and_objection_histories_is_masked_for_the_deciding_unit(CancellationToken ct)
    {
        var person = Person();
        var (repaired, objected) = (await PersonsPenaltyAsync(person, ct), await PersonsPenaltyAsync(person, ct));
        using var subject = SubjectClient(person);
        var repairId = (await JsonAsync(await ApplyAsync(subject, person, repaired, ct), HttpStatusCode.Created)).GetProperty("repairId").GetString();
        var objectionId = (await JsonAsync(await ObjectionTests.ObjectAsync(subject, person, objected, ct), HttpStatusCode.Created))
            .GetProperty("objectionId").GetString();
        using var clerk = Clerk();
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));

        foreach (var history in new[] { $"/api/v1/repairs/{repairId}/history", $"/api/v1/objections/{objectionId}/history" })
        {
            var byUnit = await clerk.GetStringAsync(history, ct);
            Assert.That(byUnit, Does.Contain($"subject:{Masked(person)}:ent-{Masked(person)}").And.Not.Contain(person), history);
            Assert.That(await auditor.GetStringAsync(history, ct), Does.Contain($"subject:{person}"), history);
        }
    }

    [Test]
    public async Task An_id_number_written_into_penalty_content_is_masked_in_the_public_disclosure()
    {
        var (company, person) = (TestCodes.CreditCode(), Person());
        var record = RecordsTests.Penalty(company, $"PEN-{Guid.NewGuid():N}");
        record["penaltyContent"] = $"对法定代表人（身份证号ID{person}）罚款5万元";
        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsJsonAsync("/api/v1/records", record), HttpStatusCode.Created);

        var disclosure = await RunningSystem.Client().GetStringAsync($"/api/v1/disclosures?code={company}");

        Assert.That(disclosure, Does.Contain($"身份证号ID{Masked(person)}）").And.Not.Contain(person));
    }

    [Test]
    public async Task An_id_number_right_after_letters_is_redacted_from_every_hosts_log()
    {
        var person = Person();

        await RunningSystem.Client().GetAsync($"/api/v1/subjects?name=ID{person}");
        await RunningSystem.Client(DevTokens.For(Roles.Auditor)).GetAsync($"/api/v1/access-log/registry?action=ID{person}");

        // Hosts finish a request's log lines just after the answer; there is no completion event to await in another host's logger.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (RunningSystem.Logs.Lines.Count(l => l.Contains("ID" + Masked(person))) < 4 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.That(RunningSystem.Logs.Lines.Count(l => l.Contains("ID" + Masked(person))), Is.GreaterThanOrEqualTo(4), "gateway and service lines, masked");
        Assert.That(RunningSystem.Logs.Lines.Where(l => l.Contains(person)), Is.Empty);
    }

    private static async Task<bool> Delay(CancellationToken ct)
    {
        await Task.Delay(50, ct);
        return true;
    }
}
