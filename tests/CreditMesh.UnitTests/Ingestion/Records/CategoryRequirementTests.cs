using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.UnitTests.Ingestion.Records;

/// <summary>DESIGN §5.1 "Required beyond the common fields, by category", written out here independently of the catalogue.</summary>
public sealed class CategoryRequirementTests
{
    private static readonly string[] Common =
        ["sourceRecordId", "category", "subject.code", "subject.name", "decisionNumber", "decisionDate", "decidingAuthority.name"];

    private static readonly Dictionary<RecordCategory, string[]> BeyondCommon = new()
    {
        [RecordCategory.AdministrativeLicense] = ["license.name", "license.content", "license.validFrom"],
        [RecordCategory.AdministrativePenalty] = ["severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent"],
        [RecordCategory.CourtDefaulter] = ["facts"],
        [RecordCategory.MajorTaxViolation] = ["violationType", "legalBasis"],
        [RecordCategory.CreditCommitment] = ["facts"],
        [RecordCategory.CommitmentBreach] = ["facts"],
        [RecordCategory.Honor] = ["facts"],
    };

    private static IEnumerable<RecordCategory> Categories() => Enum.GetValues<RecordCategory>();

    private static IEnumerable<TestCaseData> RequiredFields() =>
        from category in Categories()
        from path in Common.Concat(BeyondCommon[category])
        select new TestCaseData(category, path).SetArgDisplayNames(category.ToString(), path);

    [TestCaseSource(nameof(Categories))]
    public void A_record_with_exactly_its_categorys_required_fields_is_accepted(RecordCategory category)
    {
        var record = Submissions.Minimal(category).Accepted();

        Assert.That(record.Category, Is.EqualTo(category));
    }

    [TestCaseSource(nameof(RequiredFields))]
    public void A_record_without_a_field_its_category_requires_is_refused_at_that_field(RecordCategory category, string path)
    {
        var errors = Submissions.Minimal(category).Without(path).Rejected();

        Assert.That(errors.Keys, Is.EqualTo(new[] { path }));
        Assert.That(errors[path], Has.One.StartWith($"{path} is required"));
    }

    [TestCaseSource(nameof(Categories))]
    public void The_catalogue_publishes_the_required_fields_of_the_design(RecordCategory category)
    {
        Assert.That(Catalogue.For(category).RequiredFields, Is.EqualTo(Common.Concat(BeyondCommon[category])));
    }

    [Test]
    public void A_penalty_must_list_at_least_one_penalty_category()
    {
        var errors = (Submissions.Minimal(RecordCategory.AdministrativePenalty) with { PenaltyCategories = [] }).Rejected();

        Assert.That(errors.Keys, Is.EqualTo(new[] { "penaltyCategories" }));
        Assert.That(errors["penaltyCategories"][0], Does.StartWith("penaltyCategories is required: list at least one of Warning,"));
    }

    [Test]
    public void A_licence_record_without_its_licence_is_told_each_licence_field()
    {
        var errors = (Submissions.Minimal(RecordCategory.AdministrativeLicense) with { License = null }).Rejected();

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "license.name", "license.content", "license.validFrom" }));
    }

    [Test]
    public void A_licence_record_keeps_its_licence_typed()
    {
        var minimal = Submissions.Minimal(RecordCategory.AdministrativeLicense);
        var record = (minimal with { License = minimal.License! with { ValidUntil = "2031-05-09" } }).Accepted();

        Assert.That(record.License, Is.EqualTo(new License("食品经营许可证", "预包装食品销售", new DateOnly(2026, 5, 10), new DateOnly(2031, 5, 9))));
    }

    [Test]
    public void Penalty_fields_are_not_required_of_other_categories_but_are_checked_when_given()
    {
        var honor = Submissions.Minimal(RecordCategory.Honor);

        Assert.That((honor with { Severity = "Serious" }).Accepted().Severity, Is.EqualTo(Severity.Serious));
        Assert.That((honor with { PenaltyCategories = ["Fine"] }).Rejected().Keys, Is.EqualTo(new[] { "fineAmount" }));
        Assert.That((honor with { FineAmount = -5 }).Rejected().Keys, Is.EqualTo(new[] { "fineAmount" }));
    }

    [Test]
    public void A_partial_licence_on_another_category_is_told_what_it_lacks()
    {
        var errors = (Submissions.Penalty() with { License = new SubmittedLicense { Name = "食品经营许可证" } }).Rejected();

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "license.content", "license.validFrom" }));
    }

    [Test]
    public void An_unknown_category_asks_only_for_the_common_fields()
    {
        var errors = new CreditRecordSubmission { Category = "Award" }.Rejected();

        Assert.That(errors.Keys, Is.EquivalentTo(Common));
    }
}
