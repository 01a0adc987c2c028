using System.Text.Json;
using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

public sealed class RecordFingerprintTests
{
    private static CreditRecord Example() => Submissions.Penalty().Accepted() with
    {
        DecidingAuthority = new DecidingAuthority("深圳市市场监督管理局", Submissions.AuthorityCode),
        Sector = Sector.WorkSafety,
        ValidUntil = new DateOnly(2027, 5, 10),
        License = new License("食品经营许可证", "预包装食品销售", new DateOnly(2026, 5, 10), new DateOnly(2031, 5, 9)),
    };

    private static string Of(string json) =>
        RecordFingerprint.Of(JsonSerializer.Deserialize<CreditRecordSubmission>(json, JsonSerializerOptions.Web)!.Accepted());

    /// <summary>One change to each content field of a record, named by the property it changes.</summary>
    private static IEnumerable<TestCaseData> Changes()
    {
        var changes = new (string Property, Func<CreditRecord, CreditRecord> Change)[]
        {
            ("Category", r => r with { Category = RecordCategory.MajorTaxViolation }),
            ("Subject.Code", r => r with { Subject = r.Subject with { Code = "91440300708461136T" } }),
            ("Subject.Name", r => r with { Subject = r.Subject with { Name = "腾讯科技(深圳)有限公司" } }),
            ("Subject.Kind", r => r with { Subject = r.Subject with { Kind = SubjectKind.Organization } }),
            ("Subject.LegalRepresentative", r => r with { Subject = r.Subject with { LegalRepresentative = null } }),
            ("LegalRepresentative.Name", r => r with { Subject = r.Subject with { LegalRepresentative = new("李四", Submissions.RepresentativeId) } }),
            ("LegalRepresentative.IdNumber", r => r with { Subject = r.Subject with { LegalRepresentative = new("张三", "11010519491231003X") } }),
            ("DecisionNumber", r => r with { DecisionNumber = "深市监罚〔2026〕124号" }),
            ("DecisionDate", r => r with { DecisionDate = new DateOnly(2026, 5, 11) }),
            ("DecidingAuthority.Name", r => r with { DecidingAuthority = r.DecidingAuthority with { Name = "深圳市应急管理局" } }),
            ("DecidingAuthority.Code", r => r with { DecidingAuthority = r.DecidingAuthority with { Code = null } }),
            ("Severity", r => r with { Severity = Severity.Serious }),
            ("ViolationType", r => r with { ViolationType = "虚假广告" }),
            ("Facts", r => r with { Facts = r.Facts + "。" }),
            ("LegalBasis", r => r with { LegalBasis = "《反不正当竞争法》第二十一条" }),
            ("PenaltyCategories", r => r with { PenaltyCategories = [PenaltyCategory.Warning, PenaltyCategory.Fine] }),
            ("PenaltyContent", r => r with { PenaltyContent = "罚款6万元" }),
            ("FineAmount", r => r with { FineAmount = 50000.01m }),
            ("ConfiscatedAmount", r => r with { ConfiscatedAmount = null }),
            ("Sector", r => r with { Sector = Sector.FireSafety }),
            ("ValidUntil", r => r with { ValidUntil = new DateOnly(2027, 5, 11) }),
            ("License", r => r with { License = null }),
            ("License.Name", r => r with { License = r.License! with { Name = "食品生产许可证" } }),
            ("License.Content", r => r with { License = r.License! with { Content = "散装食品销售" } }),
            ("License.ValidFrom", r => r with { License = r.License! with { ValidFrom = new DateOnly(2026, 5, 11) } }),
            ("License.ValidUntil", r => r with { License = r.License! with { ValidUntil = null } }),
        };
        return changes.Select(c => new TestCaseData(c.Change).SetArgDisplayNames(c.Property).SetProperty("Changes", c.Property));
    }

    [Test]
    public void A_fingerprint_is_a_sha256_in_lower_case_hex_and_the_same_every_time()
    {
        var fingerprint = RecordFingerprint.Of(Example());

        Assert.That(fingerprint, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(RecordFingerprint.Of(Example()), Is.EqualTo(fingerprint));
    }

    [Test]
    public void The_fingerprint_of_the_design_example_is_pinned_so_stored_fingerprints_stay_comparable()
    {
        // A changed value means every stored record would now look like a conflict when resubmitted: keep it, or migrate.
        Assert.That(RecordFingerprint.Of(Submissions.Penalty().Accepted()), Is.EqualTo("da79954585e3018dc3c3bc8bb0f951a089195a650349b4a3a39645376c5aaceb"));
    }

    [Test]
    public void Member_order_and_white_space_of_the_body_do_not_change_the_fingerprint()
    {
        var compact = """{"sourceRecordId":"R-1","category":"Honor","subject":{"code":"9144030071526726XG","name":"某公司"},"decisionNumber":"第1号","decisionDate":"2026-05-10","decidingAuthority":{"name":"国家税务总局深圳市税务局"},"facts":"2025年度纳税信用A级","fineAmount":0}""";
        var reordered = """
            {
              "facts" : "2025年度纳税信用A级",
              "decidingAuthority" : { "name" : "国家税务总局深圳市税务局" },
              "fineAmount" : 0.00,
              "subject" : { "name" : "某公司", "code" : "9144030071526726xg", "kind" : "LegalPerson" },
              "decisionDate" : "2026-05-10", "decisionNumber" : "第1号",
              "category" : "Honor", "sourceRecordId" : "R-1", "license" : null, "penaltyCategories" : []
            }
            """;

        Assert.That(Of(reordered), Is.EqualTo(Of(compact)));
    }

    [Test]
    public void Equivalent_submissions_give_the_same_fingerprint()
    {
        // Given the example and the same content written differently: padded text, lower-case check letters, amounts with
        // another scale, penalty categories in another order
        var example = Submissions.Penalty() with { PenaltyCategories = ["Warning", "Fine"] };
        var equivalent = example.WithSubject(s => s with
        {
            Code = " 9144030071526726xg",
            Kind = null,
            LegalRepresentative = s.LegalRepresentative! with { Name = "张三 ", IdNumber = "11010519491231002x" },
        }) with { Facts = "  " + example.Facts + "\n", FineAmount = 50000m, ConfiscatedAmount = 0.00m, PenaltyCategories = ["Fine", "Warning"] };

        Assert.That(RecordFingerprint.Of(equivalent.Accepted()), Is.EqualTo(RecordFingerprint.Of(example.Accepted())));
    }

    [Test]
    public void The_source_record_id_is_the_key_not_the_content_and_does_not_change_the_fingerprint()
    {
        Assert.That(RecordFingerprint.Of(Example() with { SourceRecordId = "PEN-2026-000124" }), Is.EqualTo(RecordFingerprint.Of(Example())));
    }

    [TestCaseSource(nameof(Changes))]
    public void Any_change_of_content_changes_the_fingerprint(Func<CreditRecord, CreditRecord> change)
    {
        Assert.That(RecordFingerprint.Of(change(Example())), Is.Not.EqualTo(RecordFingerprint.Of(Example())));
    }

    [Test]
    public void Every_content_property_of_a_record_is_among_the_changes_tested()
    {
        // Given every property of a record and of its parts, except the key
        static IEnumerable<string> Properties(Type type, string prefix) => type.GetProperties().Select(p => prefix + p.Name);
        var properties = Properties(typeof(CreditRecord), "")
            .Concat(Properties(typeof(RecordSubject), "Subject."))
            .Concat(Properties(typeof(LegalRepresentative), "LegalRepresentative."))
            .Concat(Properties(typeof(DecidingAuthority), "DecidingAuthority."))
            .Concat(Properties(typeof(License), "License."))
            .Except(["SourceRecordId", "Subject", "DecidingAuthority"]);

        // Then a new property cannot be left out of the fingerprint unnoticed
        Assert.That(Changes().Select(c => (string)c.Properties.Get("Changes")!), Is.SupersetOf(properties));
    }

    [Test]
    public void Text_moved_from_one_field_to_the_next_changes_the_fingerprint()
    {
        var moved = Example() with { ViolationType = "虚假", Facts = "宣传" + Example().Facts };

        Assert.That(RecordFingerprint.Of(moved), Is.Not.EqualTo(RecordFingerprint.Of(Example())));
    }
}
