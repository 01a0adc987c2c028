using CreditMesh.Matching.Domain.Measures;

namespace CreditMesh.UnitTests.Matching;

public sealed class CatalogueTests
{
    private static readonly MeasuresCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    [Test]
    public void The_shipped_catalogue_has_the_matters_of_DESIGN_and_every_measure_has_a_legal_basis()
    {
        var current = Catalogue.Versions[^1];
        Assert.That(current.Matters.Select(m => m.Code), Is.SupersetOf(new[] { "GOV_PROCUREMENT", "PUBLIC_BIDDING", "FISCAL_FUNDING", "ADMIN_LICENSING",
            "TAX_INCENTIVE", "HONOR_AWARD", "BOND_ISSUANCE", "LAND_TRANSACTION", "HIGH_CONSUMPTION", "LEGAL_REP_APPOINTMENT" }));
        Assert.That(current.Measures.All(m => m.LegalBasis.Law.Length > 0 && m.LegalBasis.Article.Length > 0));
        Assert.That(current.Measures.Single(m => m.Code == "PUN-PROCUREMENT").LegalBasis,
            Is.EqualTo(new LegalBasis("《中华人民共和国政府采购法》", "第二十二条")));
        Assert.That(current.Measures.Where(m => m.Associating).Select(m => m.Code), Is.EqualTo(new[] { "PUN-HIGH-CONSUMPTION" }));
    }

    [Test]
    public void A_measure_without_legal_basis_refuses_the_whole_catalogue()
    {
        const string json = """
            {"versions":[{"version":"x","effectiveFrom":"2025-01-01T00:00:00+08:00","matters":[{"code":"GOV_PROCUREMENT","name":"政府采购"}],
              "measures":[{"code":"P1","name":"限制","kind":"Punishment","strength":"Restrict","listTypes":["CourtDefaulter"],"matters":["GOV_PROCUREMENT"],
                           "legalBasis":{"law":"《政府采购法》"}}]}]}
            """;
        var refused = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(json))!;
        Assert.That(refused.Errors, Is.EqualTo(new[] { "version x, measure P1: has no legal basis (law and article)" }));
    }

    [Test]
    public void The_version_in_force_is_the_latest_that_started_at_or_before_the_instant()
    {
        var cst = TimeSpan.FromHours(8);
        Assert.That(Catalogue.At(new DateTimeOffset(2024, 12, 31, 23, 59, 59, cst)), Is.Null);
        Assert.That(Catalogue.At(new DateTimeOffset(2026, 6, 30, 23, 59, 59, cst))!.Version, Is.EqualTo("2025.1"));
        Assert.That(Catalogue.At(new DateTimeOffset(2026, 7, 1, 0, 0, 0, cst))!.Version, Is.EqualTo("2026.2"));
        Assert.That(Catalogue.At(new DateTimeOffset(2026, 6, 1, 0, 0, 0, cst))!.Measures.Any(m => m.Matters.Contains("LAND_TRANSACTION")), Is.False);
    }
}
