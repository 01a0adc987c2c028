using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>Redelivered and overtaking record events (DESIGN §7): no duplicate entries, no entry left on a revoked basis.</summary>
public sealed class OutOfOrderTests
{
    [Test]
    public void The_same_acceptance_twice_makes_one_entry()
    {
        var subject = new Subject();
        var record = Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court);

        subject.Receive(record);
        var again = subject.Receive(record);

        Assert.That(again, Is.Empty);
        Assert.That(subject.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Entry_ids_follow_from_the_list_the_subject_and_the_basis_in_any_order()
    {
        Assert.That(ListEntryIds.For(ListType.KeyAttention, Subject.Code, ["G2", "G1", "G3"]),
            Is.EqualTo(ListEntryIds.For(ListType.KeyAttention, Subject.Code, ["G1", "G3", "G2"])));
        Assert.That(ListEntryIds.For(ListType.KeyAttention, Subject.Code, ["G1"]), Is.Not.EqualTo(ListEntryIds.For(ListType.RedList, Subject.Code, ["G1"])));
    }

    [Test]
    public void A_revocation_processed_before_the_acceptance_leaves_no_entry()
    {
        var subject = new Subject();

        subject.Revoke("C1");
        subject.Accept(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));

        Assert.That(subject.Entries, Is.Empty);
    }

    [Test]
    public void A_revocation_after_the_acceptance_removes_the_entry_as_basis_revoked_and_a_redelivered_acceptance_does_not_bring_it_back()
    {
        var subject = new Subject();
        var record = Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court);
        subject.Receive(record);

        subject.Revoke("C1");
        subject.Accept(record);

        var entry = subject.Single(ListType.CourtDefaulter);
        Assert.That((entry.Status, entry.RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.BasisRevoked)));
        Assert.That(subject.Written.OfType<EntryActivated>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_serious_penalty_corrected_to_general_removes_its_proposed_entry()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.General));

        Assert.That(subject.Single(ListType.SeriousDishonesty).RemovalReason, Is.EqualTo(RemovalReason.BasisRevoked));
    }

    [Test]
    public void A_general_penalty_corrected_to_serious_is_proposed_for_serious_dishonesty()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("R1", new DateOnly(2026, 5, 10)));

        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        Assert.That(subject.Single(ListType.SeriousDishonesty).Status, Is.EqualTo(EntryStatus.Proposed));
    }
}
