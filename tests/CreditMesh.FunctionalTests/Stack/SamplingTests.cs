using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.EvaluationFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>双随机 graded sampling over the running system (DESIGN §4.7, §5.2): weighted by grade, seeded, stored, re-readable.</summary>
public sealed class SamplingTests
{
    private static HttpClient UnitA() => RepairFixtures.Clerk();

    private static Task<HttpResponseMessage> DrawAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/supervision/samplings") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    private static string[] Selected(JsonElement draw) =>
        [.. draw.GetProperty("selected").EnumerateArray().Select(s => s.GetProperty("subjectCode").GetString()!)];

    [Test]
    [CancelAfter(90_000)]
    public async Task A_draw_weighted_by_grade_is_the_same_again_with_the_same_seed_and_is_kept_for_its_unit_and_auditors(CancellationToken ct)
    {
        // Given 30 companies graded B and 4 on the court-defaulter list (grade D)
        var (graded, listed) = await GradedCompaniesAsync(30, 4, ct);
        string[] codes = [.. graded, .. listed];
        using var unit = UnitA();

        // When unit A draws at a base ratio of 0.1 with a seed, twice
        var body = new { subjectCodes = codes, baseRatio = 0.1, seed = "2026Q4-深圳市监", purpose = "2026年第四季度双随机抽查" };
        var first = await RepairFixtures.JsonAsync(await DrawAsync(unit, body), HttpStatusCode.Created);
        var second = await RepairFixtures.JsonAsync(await DrawAsync(unit, new { subjectCodes = codes.Reverse().ToArray(), body.baseRatio, body.seed, body.purpose }),
            HttpStatusCode.Created);

        // Then each grade is drawn at ratio × multiplier, rounded up: B 30 × 0.1 = 3, D 4 × 0.3 → 2
        Assert.That((first.GetProperty("seed").GetString(), first.GetProperty("modelVersion").GetString(), first.GetProperty("baseRatio").GetDecimal()),
            Is.EqualTo(("2026Q4-深圳市监", "2026.1", 0.1m)));
        var counts = first.GetProperty("counts");
        Assert.That((counts.GetProperty("B").GetProperty("population").GetInt32(), counts.GetProperty("B").GetProperty("selected").GetInt32(),
            counts.GetProperty("D").GetProperty("population").GetInt32(), counts.GetProperty("D").GetProperty("selected").GetInt32()), Is.EqualTo((30, 3, 4, 2)));
        Assert.That(first.GetProperty("ratios").GetProperty("D").GetDecimal(), Is.EqualTo(0.3m));
        Assert.That(first.GetProperty("selected").EnumerateArray().Where(s => s.GetProperty("grade").GetString() == "D")
            .Select(s => s.GetProperty("subjectCode").GetString()), Is.SubsetOf(listed));
        // And the same codes, ratio and seed give the same subjects, in whatever order the codes came
        Assert.That(Selected(second), Is.EqualTo(Selected(first)));
        Assert.That(second.GetProperty("samplingId").GetString(), Is.Not.EqualTo(first.GetProperty("samplingId").GetString()), "each draw is kept");
        // And the draw is kept: its unit and an auditor read it back; another unit may not
        var id = first.GetProperty("samplingId").GetString();
        var kept = await RepairFixtures.JsonAsync(await unit.GetAsync($"/api/v1/supervision/samplings/{id}", ct), HttpStatusCode.OK);
        using var auditor = Auditor();
        var audited = await RepairFixtures.JsonAsync(await auditor.GetAsync($"/api/v1/supervision/samplings/{id}", ct), HttpStatusCode.OK);
        Assert.That((Selected(kept), kept.GetProperty("purpose").GetString(), kept.GetProperty("drawnBy").GetString()),
            Is.EqualTo((Selected(first), "2026年第四季度双随机抽查", RepairFixtures.UnitA)));
        Assert.That(Selected(audited), Is.EqualTo(Selected(first)));
        using var unitB = RepairFixtures.Clerk(RepairFixtures.UnitB);
        Assert.That((await unitB.GetAsync($"/api/v1/supervision/samplings/{id}", ct)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Without_a_seed_one_is_chosen_and_returned_and_a_repeated_request_returns_the_same_draw()
    {
        using var unit = UnitA();
        var body = new { subjectCodes = new[] { TestCodes.CreditCode(), TestCodes.CreditCode() }, baseRatio = 0.5, purpose = "专项检查" };
        var key = $"draw-{Guid.NewGuid():N}";

        var first = await RepairFixtures.JsonAsync(await DrawAsync(unit, body, key), HttpStatusCode.Created);
        var repeat = await RepairFixtures.JsonAsync(await DrawAsync(unit, body, key), HttpStatusCode.OK);
        var otherInputs = await DrawAsync(unit, body with { baseRatio = 1.0 }, key);

        Assert.That(first.GetProperty("seed").GetString(), Has.Length.GreaterThan(0));
        Assert.That((repeat.GetProperty("samplingId").GetString(), repeat.GetProperty("seed").GetString()),
            Is.EqualTo((first.GetProperty("samplingId").GetString(), first.GetProperty("seed").GetString())));
        Assert.That(otherInputs.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(first.GetProperty("counts").GetProperty("B").GetProperty("population").GetInt32(), Is.EqualTo(2), "codes never seen have the base score's grade");
    }

    public static IEnumerable<TestCaseData> BadDraws()
    {
        var code = TestCodes.CreditCode();
        TestCaseData Case(object body, string field, string name) => new TestCaseData(body, field).SetName(name);
        yield return Case(new { subjectCodes = new[] { code }, baseRatio = 0, purpose = "p" }, "baseRatio", "a base ratio of 0 is refused naming baseRatio");
        yield return Case(new { subjectCodes = new[] { code }, baseRatio = 1.5, purpose = "p" }, "baseRatio", "a base ratio above 1 is refused naming baseRatio");
        yield return Case(new { subjectCodes = new[] { code }, purpose = "p" }, "baseRatio", "a missing base ratio is refused naming baseRatio");
        yield return Case(new { subjectCodes = new[] { code, "91110108717809965C" }, baseRatio = 0.1, purpose = "p" }, "subjectCodes[1]",
            "a code with a wrong check character is refused naming its item");
        yield return Case(new { subjectCodes = new[] { code, code.ToLowerInvariant() }, baseRatio = 0.1, purpose = "p" }, "subjectCodes[1]",
            "a duplicate code is refused naming the repeat");
        yield return Case(new { subjectCodes = Array.Empty<string>(), baseRatio = 0.1, purpose = "p" }, "subjectCodes", "no codes is refused");
        yield return Case(new { subjectCodes = Enumerable.Repeat(code, 10_001).ToArray(), baseRatio = 0.1, purpose = "p" }, "subjectCodes",
            "more than 10,000 codes is refused naming subjectCodes");
        yield return Case(new { subjectCodes = new[] { code }, baseRatio = 0.1 }, "purpose", "a draw without its purpose is refused");
    }

    [TestCaseSource(nameof(BadDraws))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_draws_nothing(object body, string field)
    {
        using var unit = UnitA();
        var key = $"bad-{Guid.NewGuid():N}";

        using var response = await DrawAsync(unit, body, key);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }));
        // Nothing was stored under the key: a valid draw with it is a new one.
        var valid = await DrawAsync(unit, new { subjectCodes = new[] { TestCodes.CreditCode() }, baseRatio = 0.1, purpose = "p" }, key);
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }
}
