using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>Proposed → Active → Removed(Expired | Repaired | BasisRevoked | ObjectionUpheld | Withdrawn), DESIGN §4.3.</summary>
public sealed class EntryLifecycleTests
{
    private static readonly DateTimeOffset WindowEnd = new(2026, 12, 2, 0, 0, 0, ChinaTime.Offset);

    private static (Subject Subject, string Id) Proposed()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));
        return (subject, subject.Single(ListType.SeriousDishonesty).ListEntryId);
    }

    [Test]
    public void A_proposed_entry_takes_effect_exactly_when_its_objection_window_ends()
    {
        var (subject, id) = Proposed();

        Assert.That(subject.Reconcile(WindowEnd.AddTicks(-1)), Is.Empty);
        subject.Reconcile(WindowEnd);

        Assert.That((subject.Entry(id).Status, subject.Entry(id).ValidFrom), Is.EqualTo((EntryStatus.Active, (DateTimeOffset?)WindowEnd)));
    }

    [Test]
    public void The_objection_window_skips_the_national_day_holiday_and_counts_the_adjusted_working_saturday()
    {
        var decider = new SubjectDecider(DeterminationRules.Default, Subject.Calendar);

        var end = decider.ObjectionWindowEnd(new DateTimeOffset(2025, 9, 30, 10, 0, 0, ChinaTime.Offset));

        // 1–8 Oct 2025 are holidays; 9 Oct, 10 Oct, Sat 11 Oct (worked), 13 Oct and 14 Oct are the five working days.
        Assert.That(end, Is.EqualTo(new DateTimeOffset(2025, 10, 15, 0, 0, 0, ChinaTime.Offset)));
    }

    [Test]
    public void The_day_of_notice_is_the_day_in_China_even_when_it_is_still_the_day_before_in_UTC()
    {
        var decider = new SubjectDecider(DeterminationRules.Default, Subject.Calendar);

        // 2025-09-30 17:00 UTC is already 1 October in China, a holiday: the count starts from there.
        var end = decider.ObjectionWindowEnd(new DateTimeOffset(2025, 9, 30, 17, 0, 0, TimeSpan.Zero));

        Assert.That(end, Is.EqualTo(new DateTimeOffset(2025, 10, 15, 0, 0, 0, ChinaTime.Offset)));
    }

    [Test]
    public void An_open_objection_holds_the_activation_until_it_is_resolved()
    {
        var (subject, id) = Proposed();
        subject.OpenObjection(id);

        subject.Reconcile(WindowEnd.AddDays(3));
        Assert.That(subject.Entry(id).Status, Is.EqualTo(EntryStatus.Proposed));

        subject.CloseObjection(id);
        subject.Reconcile(WindowEnd.AddDays(4));
        Assert.That(subject.Entry(id).Status, Is.EqualTo(EntryStatus.Active));
    }

    [Test]
    public void An_upheld_objection_removes_the_proposed_entry_and_it_never_takes_effect()
    {
        var (subject, id) = Proposed();
        subject.OpenObjection(id);

        subject.Remove(id, RemovalReason.ObjectionUpheld);
        subject.CloseObjection(id);
        subject.Reconcile(WindowEnd.AddDays(1));

        Assert.That((subject.Entry(id).Status, subject.Entry(id).RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.ObjectionUpheld)));
        Assert.That(subject.Written.OfType<EntryActivated>(), Is.Empty);
    }

    [TestCase(RemovalReason.Repaired)]
    [TestCase(RemovalReason.Withdrawn)]
    [TestCase(RemovalReason.ObjectionUpheld)]
    public void An_active_entry_is_removed_once_with_its_reason(RemovalReason reason)
    {
        var (subject, id) = Proposed();
        subject.Reconcile(WindowEnd);

        subject.Remove(id, reason, WindowEnd.AddDays(1));
        var again = subject.Remove(id, reason, WindowEnd.AddDays(2));

        Assert.That((subject.Entry(id).Status, subject.Entry(id).RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)reason)));
        Assert.That(again, Is.Empty, "a removed entry is not removed again");
    }

    [Test]
    public void A_removed_entry_is_not_determined_again_from_the_same_basis()
    {
        var (subject, id) = Proposed();
        subject.Remove(id, RemovalReason.Withdrawn);

        var later = subject.Reconcile(Subject.Now.AddDays(30));

        Assert.That(later, Is.Empty);
        Assert.That(subject.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_entry_expires_exactly_at_its_valid_until_when_read_and_the_job_writes_the_expiry()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, validUntil: new DateOnly(2026, 12, 31), unit: Subject.Court));
        var entry = subject.Single(ListType.CourtDefaulter);
        var end = new DateTimeOffset(2027, 1, 1, 0, 0, 0, ChinaTime.Offset);

        Assert.That(entry.AsSeenAt(end.AddTicks(-1)).Status, Is.EqualTo(EntryStatus.Active));
        Assert.That((entry.AsSeenAt(end).Status, entry.AsSeenAt(end).RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.Expired)));
        Assert.That(subject.Reconcile(end.AddTicks(-1)), Is.Empty);

        subject.Reconcile(end.AddHours(1));

        Assert.That(subject.Written.Last(), Is.EqualTo(new EntryRemoved(entry.ListEntryId, Subject.Code, RemovalReason.Expired, null, end.AddHours(1))));
    }

    [Test]
    public void A_proposal_whose_period_ends_inside_its_objection_window_expires_without_ever_taking_effect()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2026, 11, 20)));
        subject.Apply(subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.KeyAttention, ["G1"], "短期关注", new DateOnly(2026, 11, 27), Subject.Now));

        subject.Reconcile(WindowEnd);

        var entry = subject.Single(ListType.KeyAttention);
        Assert.That((entry.Status, entry.RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.Expired)));
        Assert.That(subject.Written.OfType<EntryActivated>(), Is.Empty);
    }

    [Test]
    public void A_suspended_red_entry_can_be_removed_and_is_then_not_restored()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("H1", RecordCategories.Honor));
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));
        var red = subject.Single(ListType.RedList).ListEntryId;

        subject.Remove(red, RemovalReason.Withdrawn);
        subject.Revoke("C1");

        Assert.That((subject.Entry(red).Status, subject.Entry(red).RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.Withdrawn)));
        Assert.That(subject.Written.OfType<EntryRestored>(), Is.Empty);
    }

    [Test]
    public void Reconciling_again_with_nothing_new_writes_nothing()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));
        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));
        subject.Receive(Subject.Record("H1", RecordCategories.Honor));

        Assert.That(subject.Reconcile(Subject.Now.AddMinutes(1)), Is.Empty);
    }
}
