using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>重点关注: three or more general penalties for one subject within 12 months (DESIGN §4.3; window per ADR 0007).</summary>
public sealed class RepeatedPenaltyTests
{
    [Test]
    public void Three_general_penalties_within_twelve_months_put_the_subject_on_key_attention_determined_by_the_latest_unit()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2026, 1, 10)));
        subject.Receive(Subject.General("G2", new DateOnly(2026, 3, 10)));
        Assert.That(subject.Entries, Is.Empty, "two are not yet a repeat");

        subject.Receive(Subject.General("G3", new DateOnly(2026, 6, 1)) with { SourceUnit = Subject.Court });

        var entry = subject.Single(ListType.KeyAttention);
        Assert.That((entry.Status, entry.Rule, entry.DeterminedBy, string.Join(",", entry.BasisRecordIds)),
            Is.EqualTo((EntryStatus.Active, DeterminationRule.RepeatedGeneralPenalties, Subject.Court, "G1,G2,G3")));
        Assert.That(entry.ValidUntil, Is.EqualTo(new DateTimeOffset(2027, 6, 1, 0, 0, 0, ChinaTime.Offset)), "one year from the latest decision");
    }

    [Test]
    public void A_penalty_decided_exactly_twelve_months_before_the_latest_is_outside_the_window()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2025, 12, 1)));
        subject.Receive(Subject.General("G2", new DateOnly(2026, 6, 1)));

        subject.Receive(Subject.General("G3", new DateOnly(2026, 12, 1)));

        Assert.That(subject.Entries, Is.Empty);
    }

    [Test]
    public void A_penalty_decided_one_day_less_than_twelve_months_before_the_latest_is_inside_the_window()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G1", new DateOnly(2025, 12, 2)));
        subject.Receive(Subject.General("G2", new DateOnly(2026, 6, 1)));

        subject.Receive(Subject.General("G3", new DateOnly(2026, 12, 1)));

        Assert.That(subject.Single(ListType.KeyAttention).BasisRecordIds, Is.EqualTo(new[] { "G1", "G2", "G3" }));
    }

    [Test]
    public void Penalties_arriving_out_of_decision_order_still_count()
    {
        var subject = new Subject();
        subject.Receive(Subject.General("G3", new DateOnly(2026, 6, 1)));
        subject.Receive(Subject.General("G1", new DateOnly(2026, 1, 10)));

        subject.Receive(Subject.General("G2", new DateOnly(2026, 3, 10)));

        Assert.That(subject.Single(ListType.KeyAttention).BasisRecordIds, Is.EqualTo(new[] { "G1", "G2", "G3" }));
    }

    [Test]
    public void A_fourth_penalty_does_not_add_a_second_entry()
    {
        var subject = new Subject();
        foreach (var (id, month) in new[] { ("G1", 1), ("G2", 2), ("G3", 3) }) subject.Receive(Subject.General(id, new DateOnly(2026, month, 10)));

        subject.Receive(Subject.General("G4", new DateOnly(2026, 4, 10)));

        Assert.That(subject.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Revoking_one_of_three_leaves_too_few_and_removes_the_entry_as_basis_revoked()
    {
        var subject = new Subject();
        foreach (var (id, month) in new[] { ("G1", 1), ("G2", 2), ("G3", 3) }) subject.Receive(Subject.General(id, new DateOnly(2026, month, 10)));

        subject.Revoke("G2");

        var entry = subject.Single(ListType.KeyAttention);
        Assert.That((entry.Status, entry.RemovalReason), Is.EqualTo((EntryStatus.Removed, (RemovalReason?)RemovalReason.BasisRevoked)));
    }

    [Test]
    public void Revoking_one_of_four_in_the_window_keeps_the_entry()
    {
        var subject = new Subject();
        foreach (var (id, month) in new[] { ("G1", 1), ("G2", 2), ("G3", 3), ("G4", 2) })
            subject.Receive(Subject.General(id, new DateOnly(2026, month, 20)));

        subject.Revoke("G2");

        Assert.That(subject.Single(ListType.KeyAttention).Status, Is.EqualTo(EntryStatus.Active));
    }

    [Test]
    public void A_general_penalty_corrected_to_minor_no_longer_counts()
    {
        var subject = new Subject();
        foreach (var (id, month) in new[] { ("G1", 1), ("G2", 2), ("G3", 3) }) subject.Receive(Subject.General(id, new DateOnly(2026, month, 10)));

        subject.Receive(Subject.General("G3", new DateOnly(2026, 3, 10)) with { Severity = Severities.Minor });

        Assert.That(subject.Single(ListType.KeyAttention).RemovalReason, Is.EqualTo(RemovalReason.BasisRevoked));
    }
}
