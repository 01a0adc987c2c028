using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>Member units propose entries by hand in their own field, with basis record ids (DESIGN §4.3).</summary>
public sealed class ManualProposalTests
{
    [Test]
    public void A_manual_proposal_gives_notice_first_and_names_the_proposing_unit()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2026, 5, 10)));

        subject.Apply(subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.KeyAttention, ["G1"], "多次违法", null, Subject.Now));

        var entry = subject.Single(ListType.KeyAttention);
        Assert.That((entry.Status, entry.DeterminedBy, entry.Rule, entry.ValidUntil), Is.EqualTo((EntryStatus.Proposed, Subject.Market,
            DeterminationRule.ManualProposal, new DateTimeOffset(2027, 5, 10, 0, 0, 0, ChinaTime.Offset))));
    }

    [Test]
    public void A_manual_proposal_may_set_its_own_last_day()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2026, 5, 10)));

        subject.Apply(subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.KeyAttention, ["G1"], "多次违法", new DateOnly(2027, 2, 28), Subject.Now));

        Assert.That(subject.Single(ListType.KeyAttention).ValidUntil, Is.EqualTo(new DateTimeOffset(2027, 3, 1, 0, 0, 0, ChinaTime.Offset)));
    }

    [Test]
    public void The_same_proposal_again_changes_nothing_and_a_derived_entry_on_the_same_basis_is_that_entry()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        var again = subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.SeriousDishonesty, ["R1"], "严重违法", null, Subject.Now);

        Assert.That(again, Is.Empty);
    }

    [Test]
    public void A_manual_entry_goes_when_a_basis_record_is_revoked()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2026, 5, 10)));
        subject.Receive(Subject.General("G2", new DateOnly(2026, 6, 10)));
        subject.Apply(subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.KeyAttention, ["G1", "G2"], "多次违法", null, Subject.Now));

        subject.Revoke("G2");

        Assert.That(subject.Single(ListType.KeyAttention).RemovalReason, Is.EqualTo(RemovalReason.BasisRevoked));
    }
}
