using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Matching.Domain.Measures;

namespace CreditMesh.UnitTests.Matching;

public sealed class MatchEvaluationTests
{
    private static readonly CatalogueVersion Catalogue = CatalogueLoader.LoadEmbedded().Versions[^1];
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private static EntryFound On(ListType list, string id = "LE-1", string? associatedWith = null) =>
        new(new ActiveEntry(id, list, "COURT-SZ", Now.AddDays(-1), Now.AddYears(1)),
            associatedWith is null ? null : new Association(Association.LegalRepresentative, associatedWith));

    private static MatchResult Match(string matter, params EntryFound[] found) => MatchEvaluation.Evaluate(Catalogue, matter, found);

    [TestCase("GOV_PROCUREMENT", Decision.Prohibit)]
    [TestCase("FISCAL_FUNDING", Decision.Restrict)]
    [TestCase("ADMIN_LICENSING", Decision.Review)]
    [TestCase("LAND_TRANSACTION", Decision.Restrict)]
    public void A_black_listed_subject_gets_the_decision_of_the_strongest_measure_for_the_matter(string matter, Decision expected)
    {
        Assert.That(Match(matter, On(ListType.SeriousDishonesty)).Decision, Is.EqualTo(expected));
    }

    [Test]
    public void Decisions_rank_Prohibit_over_Restrict_over_Review_over_Incentive_over_Clear()
    {
        Assert.That(Match("FISCAL_FUNDING", On(ListType.KeyAttention, "G"), On(ListType.CourtDefaulter, "B")).Decision, Is.EqualTo(Decision.Restrict));
        Assert.That(Match("FISCAL_FUNDING", On(ListType.KeyAttention, "G")).Decision, Is.EqualTo(Decision.Review));
        Assert.That(Match("FISCAL_FUNDING", On(ListType.RedList, "R")).Decision, Is.EqualTo(Decision.Incentive));
        Assert.That(Match("FISCAL_FUNDING").Decision, Is.EqualTo(Decision.Clear));
        Assert.That(Match("HONOR_AWARD", On(ListType.RedList, "R"), On(ListType.SeriousDishonesty, "B")).Decision, Is.EqualTo(Decision.Prohibit));
    }

    [Test]
    public void Punishment_suppresses_incentives_and_reports_them_as_suppressed()
    {
        var result = Match("ADMIN_LICENSING", On(ListType.RedList, "R"), On(ListType.KeyAttention, "G"));

        Assert.That(result.Decision, Is.EqualTo(Decision.Review));
        Assert.That(result.Hits.Select(h => h.Found.Entry.ListEntryId), Is.EqualTo(new[] { "G" }));
        Assert.That(result.Suppressed.Select(h => h.Found.Entry.ListEntryId), Is.EqualTo(new[] { "R" }));
        Assert.That(result.Suppressed[0].Measures.Select(m => m.Code), Is.EquivalentTo(new[] { "INC-GREEN-CHANNEL", "INC-ACCEPT-WITH-GAPS" }));
    }

    [Test]
    public void A_red_list_subject_alone_gets_green_channel_and_acceptance_with_gaps()
    {
        var result = Match("ADMIN_LICENSING", On(ListType.RedList, "R"));
        Assert.That((result.Decision, result.Suppressed.Count), Is.EqualTo((Decision.Incentive, 0)));
        Assert.That(result.Hits[0].Measures.Select(m => m.Code), Is.EquivalentTo(new[] { "INC-GREEN-CHANNEL", "INC-ACCEPT-WITH-GAPS" }));
    }

    [Test]
    public void A_legal_representative_is_restricted_by_association_for_high_consumption_only()
    {
        var viaCompany = On(ListType.CourtDefaulter, "LE-ORG", associatedWith: "91440300MA5F000000");

        var consumption = Match("HIGH_CONSUMPTION", viaCompany);
        Assert.That(consumption.Decision, Is.EqualTo(Decision.Prohibit));
        Assert.That(consumption.Hits[0].Found.Association, Is.EqualTo(new Association("LegalRepresentative", "91440300MA5F000000")));
        Assert.That(consumption.Hits[0].Measures.Select(m => m.Code), Is.EqualTo(new[] { "PUN-HIGH-CONSUMPTION" }));
        Assert.That(Match("GOV_PROCUREMENT", viaCompany).Decision, Is.EqualTo(Decision.Clear));
        Assert.That(Match("LEGAL_REP_APPOINTMENT", viaCompany).Decision, Is.EqualTo(Decision.Clear));
    }

    [Test]
    public void An_entry_with_no_measure_for_the_matter_is_not_a_hit()
    {
        var result = Match("HIGH_CONSUMPTION", On(ListType.KeyAttention));
        Assert.That((result.Decision, result.Hits.Count), Is.EqualTo((Decision.Clear, 0)));
    }
}
