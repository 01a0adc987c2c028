using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>一票否决 (DESIGN §4.3): an active black entry suspends the subject's red entries; its removal restores those still valid.</summary>
public sealed class RedListVetoTests
{
    private static (Subject Subject, string Red) Honoured()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("H1", RecordCategories.Honor, validUntil: new DateOnly(2027, 6, 30)));
        return (subject, subject.Single(ListType.RedList).ListEntryId);
    }

    [Test]
    public void A_court_defaulter_entry_suspends_the_red_entry_and_its_revocation_restores_it()
    {
        var (subject, red) = Honoured();

        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));
        var black = subject.Single(ListType.CourtDefaulter).ListEntryId;
        Assert.That((subject.Entry(red).Status, subject.Entry(red).SuspendedBy), Is.EqualTo((EntryStatus.Suspended, black)));

        subject.Revoke("C1", Subject.Now.AddDays(1));

        Assert.That(subject.Entry(red).Status, Is.EqualTo(EntryStatus.Active));
        Assert.That(subject.Written.TakeLast(2), Is.EquivalentTo(new object[]
        {
            new EntryRemoved(black, Subject.Code, RemovalReason.BasisRevoked, "A basis record was revoked or no longer meets the rule.", Subject.Now.AddDays(1)),
            new EntryRestored(red, Subject.Code, new DateTimeOffset(2027, 7, 1, 0, 0, 0, ChinaTime.Offset), Subject.Now.AddDays(1)),
        }));
    }

    [Test]
    public void A_proposed_black_entry_does_not_suspend_until_it_takes_effect()
    {
        var (subject, red) = Honoured();

        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));
        Assert.That(subject.Entry(red).Status, Is.EqualTo(EntryStatus.Active));

        subject.Reconcile(new DateTimeOffset(2026, 12, 2, 0, 0, 0, ChinaTime.Offset));
        Assert.That(subject.Entry(red).Status, Is.EqualTo(EntryStatus.Suspended));
    }

    [Test]
    public void A_red_entry_stays_suspended_while_another_black_entry_is_active()
    {
        var (subject, red) = Honoured();
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));
        subject.Receive(Subject.Record("C2", RecordCategories.CourtDefaulter, unit: Subject.Court));

        subject.Revoke("C1");

        Assert.That(subject.Entry(red).Status, Is.EqualTo(EntryStatus.Suspended));
    }

    [Test]
    public void A_red_entry_that_expired_while_suspended_is_not_restored_but_removed_as_expired()
    {
        var (subject, red) = Honoured();
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));

        subject.Revoke("C1", new DateTimeOffset(2027, 8, 1, 0, 0, 0, ChinaTime.Offset));

        Assert.That((subject.Entry(red).Status, subject.Entry(red).RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.Expired)));
        Assert.That(subject.Written.OfType<EntryRestored>(), Is.Empty);
    }

    [Test]
    public void An_honour_for_a_subject_with_an_active_black_entry_is_suspended_as_it_takes_effect()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));

        var changes = subject.Receive(Subject.Record("H1", RecordCategories.Honor));

        var red = subject.Single(ListType.RedList);
        Assert.That(changes.Single(c => c.ListEntryId == red.ListEntryId).Events.Select(e => e.GetType()),
            Is.EqualTo(new[] { typeof(EntryActivated), typeof(EntrySuspended) }));
    }

    [Test]
    public void A_grey_entry_does_not_suspend_red_entries()
    {
        var (subject, red) = Honoured();

        subject.Receive(Subject.Record("B1", RecordCategories.CommitmentBreach));

        Assert.That(subject.Entry(red).Status, Is.EqualTo(EntryStatus.Active));
    }
}
