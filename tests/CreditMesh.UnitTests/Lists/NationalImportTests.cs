using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>国家下发名单 (DESIGN §4.10): an imported national entry is active at once, determined by the national body, named by its national id.</summary>
public sealed class NationalImportTests
{
    private static NationalEntry Item(string nationalId = "NAT-2026-0001", ListType listType = ListType.SeriousDishonesty, DateOnly? validUntil = null) =>
        new(nationalId, listType, "腾讯科技（深圳）有限公司", "国家发展和改革委员会", "发改财金〔2026〕12号", new DateOnly(2026, 11, 1), validUntil);

    [Test]
    public void A_national_entry_is_active_at_once_without_notice_and_determined_by_the_issuing_body()
    {
        var subject = new Subject();

        subject.Apply(subject.Decider.Import(subject.Facts, Item(), Subject.Now));

        var entry = subject.Single(ListType.SeriousDishonesty);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Status, Is.EqualTo(EntryStatus.Active), "no objection window for a national list");
            Assert.That(entry.ObjectionWindowEndsAt, Is.Null);
            Assert.That(entry.DeterminedBy, Is.EqualTo("国家发展和改革委员会"));
            Assert.That(entry.NationalId, Is.EqualTo("NAT-2026-0001"));
            Assert.That(entry.ListEntryId, Is.EqualTo(ListEntryIds.ForNational("NAT-2026-0001")));
            Assert.That(entry.ValidFrom, Is.EqualTo(ChinaTime.StartOf(new DateOnly(2026, 11, 1))));
            Assert.That(entry.ValidUntil, Is.EqualTo(ChinaTime.StartOf(new DateOnly(2029, 11, 1))), "the list's default validity (36 months) from validFrom");
        });
    }

    [Test]
    public void Importing_the_same_national_id_again_changes_nothing()
    {
        var subject = new Subject();
        subject.Apply(subject.Decider.Import(subject.Facts, Item(), Subject.Now));

        var again = subject.Decider.Import(subject.Facts, Item(), Subject.Now.AddHours(1));

        Assert.That(again, Is.Empty);
    }

    [Test]
    public void A_given_last_day_is_valid_through_that_day()
    {
        var subject = new Subject();

        subject.Apply(subject.Decider.Import(subject.Facts, Item(listType: ListType.CourtDefaulter, validUntil: new DateOnly(2027, 3, 31)), Subject.Now));

        Assert.That(subject.Single(ListType.CourtDefaulter).ValidUntil, Is.EqualTo(ChinaTime.EndOf(new DateOnly(2027, 3, 31))));
    }

    [Test]
    public void A_national_black_entry_suspends_the_subjects_red_entry_and_stays_when_records_are_reconciled()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("H1", RecordCategories.Honor, validUntil: new DateOnly(2027, 6, 30)));

        subject.Apply(subject.Decider.Import(subject.Facts, Item(), Subject.Now));
        subject.Reconcile(Subject.Now.AddDays(1));

        Assert.That(subject.Single(ListType.RedList).Status, Is.EqualTo(EntryStatus.Suspended), "一票否决 as for any black entry");
        Assert.That(subject.Single(ListType.SeriousDishonesty).Status, Is.EqualTo(EntryStatus.Active), "it rests on no local record, so nothing removes it");
    }
}
