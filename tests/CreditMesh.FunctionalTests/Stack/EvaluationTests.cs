using CreditMesh.Contracts.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.EvaluationFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>公共信用综合评价 over the running system (DESIGN §4.7): records, lists, repairs and objections in; grades out, archived and matched.</summary>
public sealed class EvaluationTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task A_penalty_lowers_the_score_within_seconds_and_the_archive_and_matching_show_the_change(CancellationToken ct)
    {
        // Given a registered company with no credit information: the base score, grade B
        var code = TestCodes.CreditCode();
        await RegisterAsync(code);
        var first = await EvaluationAsync(code, Scored(800, "B"), ct);
        Assert.That((first.GetProperty("modelVersion").GetString(), Caps(first)), Is.EqualTo(("2026.1", Array.Empty<string>())));

        // When a member unit submits a General penalty
        var recordId = await SubmitAsync(Penalty(code), ct);

        // Then its evaluation drops by the indicator's points, explained by the record
        var lowered = await EvaluationAsync(code, Scored(770, "B"), ct);
        var general = Indicator(lowered, "GENERAL_PENALTIES");
        Assert.That((general.GetProperty("points").GetInt32(), general.GetProperty("count").GetInt32(), general.GetProperty("dimension").GetString()),
            Is.EqualTo((-30, 1, "Compliance")));
        Assert.That(general.GetProperty("basis").EnumerateArray().Select(b => (b.GetProperty("kind").GetString(), b.GetProperty("id").GetString())),
            Is.EqualTo(new[] { ("Record", recordId) }));
        // And the subject's archive shows both evaluations as EvaluationChanged, its state the latest
        var history = await HistoryAsync(code, h => Types(h).Count(t => t == "EvaluationChanged") == 2, ct);
        Assert.That(history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "EvaluationChanged")
            .Select(e => e.GetProperty("summary").GetString()), Is.EqualTo(new[] { "Evaluated B (800) under model 2026.1", "Evaluation B (800) → B (770) under model 2026.1" }));
        var state = history.GetProperty("state").GetProperty("evaluation");
        Assert.That((state.GetProperty("grade").GetString(), state.GetProperty("score").GetInt32()), Is.EqualTo(("B", 770)));
        // And an approval system's match answer carries the grade
        using var approver = MatchingTests.Approver("APPROVAL-EVAL");
        var match = await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match", new { subjectCode = code, matterCode = "GOV_PROCUREMENT" }),
            m => m.GetProperty("evaluation").ValueKind == JsonValueKind.Object && m.GetProperty("evaluation").GetProperty("score").GetInt32() == 770);
        var grade = match.GetProperty("evaluation");
        Assert.That((grade.GetProperty("grade").GetString(), grade.GetProperty("modelVersion").GetString()), Is.EqualTo(("B", "2026.1")));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_court_defaulter_entry_caps_the_grade_at_D_its_revocation_restores_it_and_as_of_before_the_listing_gives_the_old_grade(CancellationToken ct)
    {
        // Given a company graded B
        var code = TestCodes.CreditCode();
        await RegisterAsync(code);
        await EvaluationAsync(code, Scored(800, "B"), ct);
        var beforeListing = DateTimeOffset.UtcNow;

        // When a court's defaulter record makes lists put it on the court-defaulter list
        var recordId = await SubmitAsync(CourtDefaulter(code), ct);

        // Then its grade is capped at D (一票否决), with the entry as the basis
        var listed = await EvaluationAsync(code, e => e.GetProperty("grade").GetString() == "D", ct);
        Assert.That((listed.GetProperty("score").GetInt32(), Caps(listed)), Is.EqualTo((600, new[] { "BlackListed" })), "600 alone would be a C");
        Assert.That(Indicator(listed, "BLACK_ENTRIES").GetProperty("basis")[0].GetProperty("kind").GetString(), Is.EqualTo("ListEntry"));
        var duringListing = DateTimeOffset.UtcNow;

        // When the court's decision is revoked
        using (var clerk = RepairFixtures.Clerk())
            Assert.That((await clerk.PostAsJsonAsync($"/api/v1/records/{recordId}/revocation", new { reason = "执行依据被撤销" }, ct)).IsSuccessStatusCode);

        // Then the entry goes and the grade is B again
        var restored = await EvaluationAsync(code, Scored(800, "B"), ct);
        Assert.That(Caps(restored), Is.Empty);
        // And an auditor's as-of evaluations give the grade of each instant, under the model then in force
        using var auditor = Auditor();
        var then = await GetAsync(auditor, $"/api/v1/evaluations/{code}?asOf={Uri.EscapeDataString(beforeListing.ToString("O"))}", ct);
        var during = await GetAsync(auditor, $"/api/v1/evaluations/{code}?asOf={Uri.EscapeDataString(duringListing.ToString("O"))}", ct);
        Assert.That((then.Body.GetProperty("grade").GetString(), then.Body.GetProperty("evaluatedAt").GetDateTimeOffset()), Is.EqualTo(("B", beforeListing)));
        Assert.That((during.Body.GetProperty("grade").GetString(), during.Body.GetProperty("modelVersion").GetString()), Is.EqualTo(("D", "2026.1")));
        // And the archive holds B → D → B
        var history = await HistoryAsync(code, h => Grades(h).SequenceEqual(["B", "D", "B"]), ct);
        Assert.That(Grades(history), Is.EqualTo(new[] { "B", "D", "B" }));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_approved_repair_restores_the_grade_within_seconds(CancellationToken ct)
    {
        // Given two General penalties decided four months ago: 740, grade C
        var code = TestCodes.CreditCode();
        var decided = RepairFixtures.TodayInChina.AddMonths(-4);
        var repaired = await RepairFixtures.PenaltyKnownToRepairAsync(code, decided, ct);
        await RepairFixtures.PenaltyKnownToRepairAsync(code, decided, ct);
        await EvaluationAsync(code, Scored(740, "C"), ct);

        // When the subject applies to repair one and unit A accepts and approves
        using var subject = RepairFixtures.SubjectClient(code);
        using var clerk = RepairFixtures.Clerk();
        var repairId = (await RepairFixtures.JsonAsync(await RepairFixtures.ApplyAsync(subject, code, repaired, ct), HttpStatusCode.Created))
            .GetProperty("repairId").GetString()!;
        await RepairFixtures.JsonAsync(await clerk.PostAsync($"/api/v1/repairs/{repairId}/acceptance", null, ct), HttpStatusCode.OK);
        await RepairFixtures.JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repairId}/decision",
            new { approved = true, decisionNumber = "深市监信修〔2026〕21号" }, ct), HttpStatusCode.OK);

        // Then the repaired penalty stops counting and the completed repair counts (信用修复管理办法 art. 3): 780, grade B
        var after = await EvaluationAsync(code, Scored(780, "B"), ct);
        Assert.That(Indicator(after, "REPAIRS_COMPLETED").GetProperty("basis")[0].GetProperty("id").GetString(), Is.EqualTo(repairId));
        Assert.That(Indicator(after, "GENERAL_PENALTIES").GetProperty("basis").EnumerateArray().Select(b => b.GetProperty("id").GetString()),
            Does.Not.Contain(repaired));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_record_under_objection_is_marked_disputed_and_an_upheld_revocation_re_evaluates(CancellationToken ct)
    {
        // Given a penalty the subject objects to
        var code = TestCodes.CreditCode();
        var recordId = await RepairFixtures.PenaltyKnownToRepairAsync(code, RepairFixtures.TodayInChina.AddMonths(-1), ct);
        using var subject = RepairFixtures.SubjectClient(code);
        var objectionId = (await RepairFixtures.JsonAsync(await ObjectionTests.ObjectAsync(subject, code, recordId, ct), HttpStatusCode.Created))
            .GetProperty("objectionId").GetString()!;

        // Then it still counts, marked disputed
        var disputed = await EvaluationAsync(code, e => Indicator(e, "GENERAL_PENALTIES").GetProperty("basis").EnumerateArray()
            .Any(b => b.TryGetProperty("disputed", out var d) && d.GetBoolean()), ct);
        Assert.That(disputed.GetProperty("score").GetInt32(), Is.EqualTo(770));

        // When the owning unit upholds it with revocation
        using var clerk = RepairFixtures.Clerk();
        await RepairFixtures.JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/objections/{objectionId}/resolution",
            new { upheld = true, action = "Revoke", reason = "处罚对象认定错误，予以撤销" }, ct), HttpStatusCode.OK);

        // Then the record no longer counts
        await EvaluationAsync(code, Scored(800, "B"), ct);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_entry_stops_counting_the_instant_it_expires_and_the_stored_grade_follows_without_any_event(CancellationToken ct)
    {
        // Given a key-attention entry (grade capped at C) that expires in a few seconds; no expiry event will come
        var code = TestCodes.CreditCode();
        await RegisterAsync(code);
        await EvaluationAsync(code, Scored(800, "B"), ct);
        var expires = DateTimeOffset.UtcNow.AddSeconds(4);
        await RunningSystem.PublishAsync(ct, MatchingTests.Activated(code, $"LE-{code}-K", "KeyAttention", DateTimeOffset.UtcNow.AddDays(-1), expires));
        var listed = await EvaluationAsync(code, e => e.GetProperty("grade").GetString() == "C", ct);
        Assert.That(Caps(listed), Is.EqualTo(new[] { "KeyAttention" }));

        // Then from that instant the evaluation no longer counts it
        var after = await EvaluationAsync(code, Scored(800, "B"), ct);
        Assert.That(after.GetProperty("evaluatedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(expires));
        // And the review brings the published grade along: the archive and the match answer show B again
        await HistoryAsync(code, h => Grades(h).SequenceEqual(["B", "C", "B"]), ct);
        using var approver = MatchingTests.Approver("APPROVAL-EVAL");
        await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match", new { subjectCode = code, matterCode = "GOV_PROCUREMENT" }),
            m => m.GetProperty("evaluation").ValueKind == JsonValueKind.Object && m.GetProperty("evaluation").GetProperty("grade").GetString() == "B"
                && m.GetProperty("evaluation").GetProperty("score").GetInt32() == 800);
    }

    [Test]
    public async Task A_match_about_a_subject_without_an_evaluation_says_so_with_null()
    {
        using var approver = MatchingTests.Approver("APPROVAL-EVAL");
        var match = await MatchingTests.EventuallyAsync(() => MatchingTests.PostAsync(approver, "/api/v1/match",
            new { subjectCode = TestCodes.CreditCode(), matterCode = "GOV_PROCUREMENT" }), _ => true);
        Assert.That(match.GetProperty("evaluation").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task The_model_in_force_shows_its_version_indicators_and_inspection_ratios()
    {
        using var approver = MatchingTests.Approver("APPROVAL-EVAL");
        var (status, model) = await GetAsync(approver, "/api/v1/evaluations/model");

        Assert.That((status, model.GetProperty("version").GetString(), model.GetProperty("baseScore").GetInt32()), Is.EqualTo((HttpStatusCode.OK, "2026.1", 800)));
        var ratios = model.GetProperty("inspectionRatios");
        Assert.That(new[] { "A", "B", "C", "D" }.Select(g => ratios.GetProperty(g).GetDouble()), Is.EqualTo(new[] { 0.5, 1.0, 1.5, 3.0 }));
        var general = model.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "GENERAL_PENALTIES");
        Assert.That((general.GetProperty("pointsPerItem").GetInt32(), general.GetProperty("cap").GetInt32(), general.GetProperty("counts").GetProperty("withinMonths").GetInt32()),
            Is.EqualTo((-30, 150, 36)));
        Assert.That(model.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()), Is.EqualTo(new[] { "2025.1", "2026.1" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Statistics_count_subjects_per_grade_by_kind_and_region(CancellationToken ct)
    {
        // Given a company in Shenzhen (440300) on the court-defaulter list and a person in Beijing Dongcheng (110101)
        var company = TestCodes.CreditCode();
        var person = TestCodes.IdNumber(new DateOnly(1980, 2, 2), Random.Shared.Next(1000));
        await RegisterAsync(company);
        await RegisterAsync(person, "NaturalPerson", "张三");
        await RunningSystem.PublishAsync(ct, MatchingTests.Activated(company, $"LE-{company}-S", "CourtDefaulter", DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(2)));
        await EvaluationAsync(company, e => e.GetProperty("grade").GetString() == "D", ct);
        await EvaluationAsync(person, Scored(800, "B"), ct);
        using var centre = CreditCentre();

        // Then the statistics count each where it belongs, and the filters narrow them
        var shenzhen = await Eventually.UntilAsync(() => GetAsync(centre, "/api/v1/evaluations/statistics?kind=LegalPerson&region=440300", ct),
            r => r.Body.GetProperty("byGrade").GetProperty("D").GetInt64() >= 1, "the company's D in the statistics", ct: ct);
        var people = (await GetAsync(centre, "/api/v1/evaluations/statistics?kind=NaturalPerson&region=110101", ct)).Body;
        var none = (await GetAsync(centre, "/api/v1/evaluations/statistics?kind=NaturalPerson&region=440300", ct)).Body;
        Assert.That(shenzhen.Body.GetProperty("total").GetInt64(), Is.EqualTo(new[] { "A", "B", "C", "D" }.Sum(g => shenzhen.Body.GetProperty("byGrade").GetProperty(g).GetInt64())));
        Assert.That(people.GetProperty("byGrade").GetProperty("B").GetInt64(), Is.GreaterThanOrEqualTo(1));
        Assert.That(none.GetProperty("total").GetInt64(), Is.Zero, "no person's ID number starts with 440300 in this run");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_public_sees_a_companys_grade_alone_and_no_persons_grade(CancellationToken ct)
    {
        var company = TestCodes.CreditCode();
        var person = TestCodes.IdNumber(new DateOnly(1981, 3, 3), Random.Shared.Next(1000));
        await RegisterAsync(company);
        await RegisterAsync(person, "NaturalPerson", "李四");
        await EvaluationAsync(company, Scored(800, "B"), ct);
        await EvaluationAsync(person, Scored(800, "B"), ct);
        using var anonymous = RunningSystem.Client();

        var (status, grade) = await GetAsync(anonymous, $"/api/v1/evaluations/{company}/grade", ct);
        var (personStatus, _) = await GetAsync(anonymous, $"/api/v1/evaluations/{person}/grade", ct);
        var (fullStatus, _) = await GetAsync(anonymous, $"/api/v1/evaluations/{company}", ct);

        Assert.That((status, grade.GetProperty("grade").GetString(), grade.GetProperty("gradeName").GetString()), Is.EqualTo((HttpStatusCode.OK, "B", "良")));
        Assert.That(grade.TryGetProperty("indicators", out _) || grade.TryGetProperty("score", out _), Is.False, "grade only");
        Assert.That((personStatus, fullStatus), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized)));
    }

    [TestCase("/api/v1/evaluations/91110108717809965C", "code", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/evaluations/９１４４０３００７１５２６７２６ＸＧ", "code", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/evaluations/{unknown}", "code", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/evaluations/9144030071526726XG?asOf=2099-01-01T00:00:00%2B08:00", "asOf", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/evaluations/9144030071526726XG?asOf=2020-01-01T00:00:00%2B08:00", "asOf", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/evaluations/statistics?kind=Company", "kind", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/evaluations/statistics?region=4403", "region", HttpStatusCode.BadRequest)]
    public async Task Bad_input_is_a_problem_naming_the_field(string path, string field, HttpStatusCode expected)
    {
        using var auditor = Auditor();
        using var response = await auditor.GetAsync(path.Replace("{unknown}", TestCodes.CreditCode()));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(expected), problem.ToString());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Only_auditors_and_the_credit_centre_evaluate_as_of_and_a_subject_sees_only_its_own()
    {
        const string path = "/api/v1/evaluations/9144030071526726XG?asOf=2026-06-01T00:00:00%2B08:00";
        using var unit = RepairFixtures.Clerk();
        using var otherSubject = RepairFixtures.SubjectClient(TestCodes.CreditCode());
        Assert.That((await unit.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await otherSubject.GetAsync("/api/v1/evaluations/9144030071526726XG")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private static IEnumerable<string> Types(JsonElement history) =>
        history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!);

    /// <summary>The grades the archive's EvaluationChanged events went through, in order.</summary>
    private static string[] Grades(JsonElement history) =>
        [.. history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "EvaluationChanged")
            .Select(e => e.GetProperty("summary").GetString()!.Split(" under ")[0].Split(' ').Reverse().Skip(1).First())];
}
