using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditMesh.Contracts;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Testing;
using static CreditMesh.FunctionalTests.Stack.ReportFixtures;
using static CreditMesh.FunctionalTests.Stack.RepairFixtures;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>信用报告 over the running system (DESIGN §4.8): built from the registry's archive, stored, verifiable, printable.</summary>
public sealed class ReportTests
{
    /// <summary>
    /// A subject with four penalties: one plainly disclosed, one disputed (open objection), one repaired, one past its
    /// window; and an evaluation published as the evaluation service would. Returns the record ids.
    /// </summary>
    private static async Task<(string Code, string Shown, string Disputed, string Repaired, string Expired)> PenalisedAsync(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        var shown = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-2), content: "罚款5万元，当事人身份证号 11010519491231002X"));
        var disputed = Id(await SubmitAsync(code, ct, TodayInChina.AddMonths(-2)));
        var repaired = await PenaltyKnownToRepairAsync(code, TodayInChina.AddMonths(-4), ct);
        var expired = await SubmitAsync(code, ct, TodayInChina.AddMonths(-14));
        Assert.That(expired.GetProperty("publicity").GetProperty("disclosed").GetBoolean(), Is.False, "its maximum of one year has passed");

        using var subject = SubjectClient(code);
        await JsonAsync(await ObjectionTests.ObjectAsync(subject, code, disputed, ct), HttpStatusCode.Created);
        var repair = Id(await JsonAsync(await ApplyAsync(subject, code, repaired, ct), HttpStatusCode.Created), "repairId");
        using var clerk = Clerk();
        await JsonAsync(await clerk.PostAsync($"/api/v1/repairs/{repair}/acceptance", null, ct), HttpStatusCode.OK);
        await JsonAsync(await clerk.PostAsJsonAsync($"/api/v1/repairs/{repair}/decision", new { approved = true, decisionNumber = "深市监信修〔2026〕9号" }, ct),
            HttpStatusCode.OK);
        // The evaluation service evaluates the subject by itself (issue 17); the report carries the archived evaluation.
        await ArchivedAsync(code, ct, ("SubjectRegistered", ""), ("CreditRecordAccepted", shown), ("CreditRecordAccepted", Id(expired)), ("ObjectionOpened", disputed),
            ("CreditRecordDisclosureEnded", repaired), ("EvaluationChanged", ""));
        await EvaluationSettledAsync(code, repair, repaired, disputed, ct);
        return (code, shown, disputed, repaired, Id(expired));
    }

    /// <summary>
    /// Each fact re-evaluates the subject, and each EvaluationChanged reaches the archive on its own; the subject's
    /// evaluation has settled once it counts the repair and the objection and no longer the repaired record, and that
    /// evaluation is the archive's last.
    /// </summary>
    private static Task EvaluationSettledAsync(string code, string repair, string repaired, string disputed, CancellationToken ct) =>
        Eventually.UntilAsync(async () =>
        {
            using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
            var current = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/{code}", ct);
            var basis = current.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("basis").EnumerateArray())
                .Select(b => (Kind: b.GetProperty("kind").GetString(), Id: b.GetProperty("id").GetString(),
                    Disputed: b.TryGetProperty("disputed", out var d) && d.ValueKind == JsonValueKind.True)).ToList();
            if (!basis.Any(b => b.Kind == "Repair" && b.Id == repair) || !basis.Any(b => b.Id == disputed && b.Disputed)
                || basis.Any(b => b.Kind != "Repair" && b.Id == repaired)) return false;
            var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
            var last = history.GetProperty("events").EnumerateArray().Last(e => e.GetProperty("type").GetString() == "EvaluationChanged");
            return last.GetProperty("summary").GetString()!.EndsWith(
                $"{current.GetProperty("grade").GetString()} ({current.GetProperty("score").GetInt32()}) under model {current.GetProperty("modelVersion").GetString()}",
                StringComparison.Ordinal);
        }, $"the evaluation of {code} to count the repair and the objection and to be archived", Timeout.InfiniteTimeSpan, ct);

    [Test]
    [CancelAfter(90_000)]
    public async Task A_report_shows_exactly_what_is_disclosed_at_its_instant_and_verifies_with_its_code_only(CancellationToken ct)
    {
        // Given a subject with a disclosed, a disputed, a repaired and an expired penalty, and an evaluation
        var (code, shown, disputed, _, _) = await PenalisedAsync(ct);
        using var subject = SubjectClient(code);

        // When the subject generates a report for a bid
        var issued = await GenerateAsync(subject, code, ct);
        var id = Id(issued, "reportId");
        var response = await subject.GetAsync($"/api/v1/reports/{id}", ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var report = JsonDocument.Parse(body).RootElement;

        // Then it holds the disclosed and the disputed penalty only, the disputed one marked, and the evaluation
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var penalties = report.GetProperty("sections").GetProperty("penalties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("recordId").GetString()!, p => p.GetProperty("underObjection").GetBoolean());
        Assert.That(penalties, Is.EquivalentTo(new Dictionary<string, bool> { [shown] = false, [disputed] = true }), "repaired and expired never shown");
        var evaluation = report.GetProperty("sections").GetProperty("evaluation");
        var archived = await RunningSystem.Client(DevTokens.For(Roles.Auditor)).GetFromJsonAsync<JsonElement>(
            $"/api/v1/subjects/{code}/history?asOf={Uri.EscapeDataString(issued.GetProperty("generatedAt").GetString()!)}", ct);
        var lastEvaluation = archived.GetProperty("events").EnumerateArray().Last(e => e.GetProperty("type").GetString() == "EvaluationChanged");
        Assert.That(lastEvaluation.GetProperty("summary").GetString(),
            Does.Contain($"{evaluation.GetProperty("grade").GetString()} ({evaluation.GetProperty("score").GetInt32()})"),
            "the report's evaluation is the last one archived at its instant");
        Assert.That(report.GetProperty("reportNumber").GetString(), Is.EqualTo(issued.GetProperty("reportNumber").GetString())
            .And.Match($"^CMR-{TodayInChina:yyyyMMdd}-[0-9]{{6}}$"));
        Assert.That((report.GetProperty("subject").GetProperty("code").GetString(), report.GetProperty("purpose").GetString()), Is.EqualTo((code, "Bidding")));
        var text = System.Text.Encoding.UTF8.GetString(body);
        Assert.That(text, Does.Contain("110105********002X").And.Not.Contain("11010519491231002X"), "ID numbers masked, the representative's and in free text");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(body)), Is.EqualTo(issued.GetProperty("sha256").GetString()), "the hash is over the bytes served");

        // And anyone verifies it with its number and code, and no wrong code passes
        using var anonymous = RunningSystem.Client();
        var number = issued.GetProperty("reportNumber").GetString();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>(
            $"/api/v1/reports/verification?number={number}&code={issued.GetProperty("verificationCode").GetString()}", ct);
        var wrong = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verification?number={number}&code=AAAA-BBBB-CCCC-DDDD", ct);
        var unknown = await anonymous.GetFromJsonAsync<JsonElement>(
            $"/api/v1/reports/verification?number=CMR-20200101-000001&code={issued.GetProperty("verificationCode").GetString()}", ct);
        Assert.That((verified.GetProperty("valid").GetBoolean(), verified.GetProperty("subjectName").GetString(), verified.GetProperty("sha256").GetString()),
            Is.EqualTo((true, "腾讯科技（深圳）有限公司", issued.GetProperty("sha256").GetString())));
        Assert.That((wrong.GetProperty("valid").GetBoolean(), wrong.TryGetProperty("subjectName", out var leaked) && leaked.ValueKind == JsonValueKind.String),
            Is.EqualTo((false, false)), "a wrong code tells nothing");
        Assert.That(unknown.GetProperty("valid").GetBoolean(), Is.False);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task The_PDF_holds_the_subject_name_the_report_number_and_the_verification_code_on_every_page(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        for (var i = 0; i < 40; i++) await SubmitAsync(code, ct, TodayInChina.AddDays(-i - 1), content: $"罚款{i + 1}万元，责令改正");
        await ArchivedAsync(code, ct, ("SubjectRegistered", ""));
        await Eventually.UntilAsync(async () => await AcceptedInArchiveAsync(code, ct) == 40, "all 40 records archived", Timeout.InfiniteTimeSpan, ct);
        using var subject = SubjectClient(code);
        var issued = await GenerateAsync(subject, code, ct, "Financing");

        var response = await subject.GetAsync($"/api/v1/reports/{Id(issued, "reportId")}/pdf", ct);

        Assert.That((response.StatusCode, response.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "application/pdf")));
        var pages = (await PdfTextAsync(await response.Content.ReadAsByteArrayAsync(ct))).Split('\f', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Trim().Length > 0).ToList();
        var (number, verification) = (issued.GetProperty("reportNumber").GetString()!, issued.GetProperty("verificationCode").GetString()!);
        Assert.That(pages[0], Does.Contain("腾讯科技（深圳）有限公司").And.Contain("融资信贷").And.Contain(code));
        Assert.That(pages, Has.Count.GreaterThan(2), "forty records take more than the title page and one page of tables");
        Assert.That(pages, Has.All.Contain(number).And.All.Contain(verification));
        Assert.That(pages.Select((p, i) => Regex.IsMatch(p, $@"第\s*{i + 1}\s*页\s*共\s*{pages.Count}\s*页")), Has.All.True, "page n of N on every page");
        Assert.That(string.Join("", pages), Does.Contain("罚款40万元").And.Contain("罚款1万元"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_report_is_archived_and_repeatable_by_its_idempotency_key(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await SubmitAsync(code, ct, TodayInChina.AddMonths(-1));
        await ArchivedAsync(code, ct, ("SubjectRegistered", ""), ("CreditRecordAccepted", ""));
        using var centre = RunningSystem.Client(DevTokens.For(Roles.CreditCenter));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { subjectCode = code, purpose = "General" }) };
        request.Headers.Add("Idempotency-Key", "report-once");
        var first = await JsonAsync(await centre.SendAsync(request, ct), HttpStatusCode.Created);
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { subjectCode = code, purpose = "General" }) };
        again.Headers.Add("Idempotency-Key", "report-once");

        var repeated = await JsonAsync(await centre.SendAsync(again, ct), HttpStatusCode.OK);
        var report = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{Id(first, "reportId")}", ct);

        Assert.That((repeated.GetProperty("reportId").GetString(), repeated.GetProperty("reportNumber").GetString()),
            Is.EqualTo((first.GetProperty("reportId").GetString(), first.GetProperty("reportNumber").GetString())));
        Assert.That(report.GetProperty("reportNumber").GetString(), Is.EqualTo(first.GetProperty("reportNumber").GetString()));
        await ArchivedAsync(code, ct, ("ReportIssued", first.GetProperty("reportNumber").GetString()!));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_report_names_what_is_wrong_with_its_request_and_a_subject_never_reads_anothers(CancellationToken ct)
    {
        var code = TestCodes.CreditCode();
        await SubmitAsync(code, ct, TodayInChina.AddMonths(-1));
        await ArchivedAsync(code, ct, ("SubjectRegistered", ""), ("CreditRecordAccepted", ""));
        using var subject = SubjectClient(code);
        using var other = SubjectClient(TestCodes.CreditCode());
        var issued = await GenerateAsync(subject, code, ct);

        var bad = await subject.PostAsJsonAsync("/api/v1/reports", new { subjectCode = code, purpose = "Lottery" }, ct);
        var unknown = await RunningSystem.Client(DevTokens.For(Roles.CreditCenter)).PostAsJsonAsync("/api/v1/reports",
            new { subjectCode = TestCodes.CreditCode(), purpose = "General" }, ct);
        var foreign = await other.GetAsync($"/api/v1/reports/{Id(issued, "reportId")}", ct);
        var foreignPdf = await other.GetAsync($"/api/v1/reports/{Id(issued, "reportId")}/pdf", ct);
        var missing = await RunningSystem.Client().GetAsync("/api/v1/reports/verification?number=CMR-2026", ct);

        Assert.That((await JsonAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("purpose", out _), Is.True);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a code the platform has never seen");
        Assert.That((foreign.StatusCode, foreignPdf.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
        var errors = (await JsonAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That((errors.TryGetProperty("number", out _), errors.TryGetProperty("code", out _)), Is.EqualTo((true, true)));
    }

    private static async Task<int> AcceptedInArchiveAsync(string code, CancellationToken ct)
    {
        using var auditor = RunningSystem.Client(DevTokens.For(Roles.Auditor));
        var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{code}/history", ct);
        return history.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "CreditRecordAccepted");
    }
}
