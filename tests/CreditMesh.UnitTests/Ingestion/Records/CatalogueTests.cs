using System.Text.Json;
using System.Text.Json.Serialization;
using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

public sealed class CatalogueTests
{
    private static IEnumerable<TestCaseData> ListedFields() =>
        from entry in Catalogue.Categories
        from path in entry.RequiredFields
        select new TestCaseData(entry.Category, path).SetArgDisplayNames(entry.Category.ToString(), path);

    [TestCase(RecordCategory.AdministrativeLicense, "行政许可")]
    [TestCase(RecordCategory.AdministrativePenalty, "行政处罚")]
    [TestCase(RecordCategory.CourtDefaulter, "失信被执行人")]
    [TestCase(RecordCategory.MajorTaxViolation, "重大税收违法")]
    [TestCase(RecordCategory.CreditCommitment, "信用承诺")]
    [TestCase(RecordCategory.CommitmentBreach, "违背承诺")]
    [TestCase(RecordCategory.Honor, "表彰")]
    public void Each_category_carries_its_chinese_name_and_a_one_line_disclosure_note(RecordCategory category, string chineseName)
    {
        var entry = Catalogue.For(category);

        Assert.That(entry.ChineseName, Is.EqualTo(chineseName));
        Assert.That(entry.Disclosure, Is.Not.Empty.And.Not.Contain("\n"));
    }

    [Test]
    public void The_catalogue_lists_every_category_once_under_a_version()
    {
        Assert.That(Catalogue.Response.Version, Is.EqualTo("2026.1"));
        Assert.That(Catalogue.Response.Categories.Select(c => c.Category), Is.EqualTo(Enum.GetValues<RecordCategory>()));
    }

    [TestCaseSource(nameof(ListedFields))]
    public void Every_field_the_catalogue_lists_is_one_the_validator_requires(RecordCategory category, string path)
    {
        // Given a record of the category that is accepted, carrying every listed field
        var complete = Submissions.Minimal(category);
        Assert.That(complete.Validate().IsValid, Is.True);

        // When the listed field is left out
        var errors = complete.Without(path).Rejected();

        // Then the refusal is at exactly that field
        Assert.That(errors.Keys, Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Every_conditional_requirement_the_catalogue_lists_is_one_the_validator_enforces()
    {
        // Given a penalty that meets each condition: a legal representative, a fine and a licence are given
        var complete = Submissions.Penalty() with { License = new SubmittedLicense { Name = "许可证", Content = "内容", ValidFrom = "2026-05-10" } };
        Assert.That(complete.Validate().IsValid, Is.True);

        // Then leaving out each conditionally required field is refused at that field
        Assert.Multiple(() =>
        {
            foreach (var requirement in Catalogue.ConditionalFields)
                Assert.That(complete.Without(requirement.Field).Rejected().Keys, Is.EqualTo(new[] { requirement.Field }), requirement.When);
        });
        Assert.That(Catalogue.Categories.Select(c => c.RequiredWhen), Has.All.EqualTo(Catalogue.ConditionalFields));
    }

    [Test]
    public void The_catalogue_serializes_as_the_api_returns_it()
    {
        // Given the API's JSON settings (ServiceDefaults: web defaults and enums as names)
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        // When
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Catalogue.Response, options));

        // Then
        var penalty = json.RootElement.GetProperty("categories")[1];
        Assert.That(json.RootElement.GetProperty("version").GetString(), Is.EqualTo(Catalogue.Version));
        Assert.That(penalty.GetProperty("category").GetString(), Is.EqualTo("AdministrativePenalty"));
        Assert.That(penalty.GetProperty("chineseName").GetString(), Is.EqualTo("行政处罚"));
        Assert.That(penalty.GetProperty("requiredFields").EnumerateArray().Select(f => f.GetString()), Does.Contain("penaltyCategories"));
        Assert.That(penalty.GetProperty("requiredWhen")[2].GetProperty("field").GetString(), Is.EqualTo("fineAmount"));
        Assert.That(penalty.GetProperty("disclosure").GetString(), Does.Contain("国办发〔2025〕22号"));
    }
}
