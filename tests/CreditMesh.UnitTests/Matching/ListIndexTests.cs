using CreditMesh.Matching.Domain;
using CreditMesh.Matching.Domain.Index;
using CreditMesh.Matching.Index;

namespace CreditMesh.UnitTests.Matching;

public sealed class ListIndexTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Company = "91440300MA5F000000", Person = "110105194912310029";

    private static ListEntryChange Activated(string id, long version, DateTimeOffset until, string subject = Company) =>
        new(id, subject, version, Nine.AddYears(-1), EntryStatus.Active, ListType.CourtDefaulter, "COURT-SZ", Nine.AddYears(-1), until);

    [Test]
    public void An_entry_that_expired_at_nine_does_not_hit_at_ten_without_any_expiry_event()
    {
        var index = new SubjectIndex();
        index.Put(Company, "LE-1", ListEntryFold.Apply(null, Activated("LE-1", 1, Nine))!.AsActive(), Nine.AddHours(-2));

        Assert.That(index.Find(Company, Nine.AddMinutes(-1)).Select(f => f.Entry.ListEntryId), Is.EqualTo(new[] { "LE-1" }));
        Assert.That(index.Find(Company, Nine), Is.Empty, "ValidUntil is exclusive");
        Assert.That(index.Find(Company, Nine.AddHours(1)), Is.Empty);
    }

    [Test]
    public void A_removal_delivered_before_its_activation_wins_and_duplicates_change_nothing()
    {
        var removed = ListEntryFold.Apply(null, new ListEntryChange("LE-1", Company, 2, Nine, EntryStatus.Removed))!;
        var late = ListEntryFold.Apply(removed, Activated("LE-1", 1, Nine.AddYears(1)))!;

        Assert.That((late.Status, late.Hits, late.ListType), Is.EqualTo((EntryStatus.Removed, false, (ListType?)ListType.CourtDefaulter)));
        Assert.That(ListEntryFold.Apply(late, Activated("LE-1", 1, Nine.AddYears(1))), Is.Null);
    }

    [Test]
    public void A_suspended_red_entry_does_not_hit_until_restored_with_its_validity()
    {
        var red = ListEntryFold.Apply(null, Activated("LE-R", 1, Nine.AddMonths(6)) with { ListType = ListType.RedList })!;
        var suspended = ListEntryFold.Apply(red, new ListEntryChange("LE-R", Company, 2, Nine, EntryStatus.Suspended))!;
        var restored = ListEntryFold.Apply(suspended, new ListEntryChange("LE-R", Company, 3, Nine, EntryStatus.Active, ValidUntil: Nine.AddMonths(3)))!;

        Assert.That((red.Hits, suspended.Hits, restored.Hits), Is.EqualTo((true, false, true)));
        Assert.That(restored.ValidUntil, Is.EqualTo(Nine.AddMonths(3)));
    }

    [Test]
    public void A_legal_representative_finds_the_court_defaulter_entries_of_the_company_they_represent_until_replaced()
    {
        var index = new SubjectIndex();
        index.Put(Company, "LE-1", Activated("LE-1", 1, Nine.AddYears(1)).ToActive(), Nine);
        index.Put(Company, "LE-G", (Activated("LE-G", 1, Nine.AddYears(1)) with { ListType = ListType.KeyAttention }).ToActive(), Nine);
        index.SetRepresentative(Company, Person);

        var found = index.Find(Person, Nine);
        Assert.That(found.Select(f => (f.Entry.ListEntryId, f.Association)),
            Is.EqualTo(new[] { ("LE-1", (Association?)new Association("LegalRepresentative", Company)) }));

        index.SetRepresentative(Company, "110105198001010013");
        Assert.That(index.Find(Person, Nine), Is.Empty);
    }
}

internal static class ChangeExtensions
{
    public static ActiveEntry ToActive(this ListEntryChange change) => ListEntryFold.Apply(null, change)!.AsActive()!;
}
