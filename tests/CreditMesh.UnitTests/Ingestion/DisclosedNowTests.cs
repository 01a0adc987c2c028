using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Features;

namespace CreditMesh.UnitTests.Ingestion;

/// <summary>publicity.disclosed in answers means "the public sees it today", not "its kind is disclosed" (issue 18, defect b).</summary>
public sealed class DisclosedNowTests
{
    private static readonly PublicityWindow General2024 = new(true, new DateOnly(2024, 5, 10), new DateOnly(2024, 8, 10), new DateOnly(2025, 5, 10), "2019");

    [Test]
    public void A_record_whose_maximum_has_passed_is_not_disclosed_now()
    {
        Assert.That(PublicityDto.Of(General2024, new DateOnly(2026, 5, 10)).Disclosed, Is.False);
        Assert.That(PublicityDto.Of(General2024, new DateOnly(2025, 5, 10)).Disclosed, Is.False, "publicity ends at its maximum");
        Assert.That(PublicityDto.Of(General2024, new DateOnly(2025, 5, 9)).Disclosed, Is.True);
    }

    [Test]
    public void An_undisclosed_kind_is_never_disclosed_and_the_window_itself_is_reported_as_computed()
    {
        var minor = new PublicityWindow(false, new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 10), "2025");

        var dto = PublicityDto.Of(minor, new DateOnly(2026, 5, 10));

        Assert.That((dto.Disclosed, dto.From, dto.MaxUntil, dto.RuleVersion), Is.EqualTo((false, minor.From, minor.MaxUntil, "2025")));
    }
}
