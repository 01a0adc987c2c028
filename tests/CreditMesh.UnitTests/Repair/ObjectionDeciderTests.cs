using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Objections;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.UnitTests.Repair;

public sealed class ObjectionDeciderTests
{
    private const string Subject = "9144030071526726XG", Owner = "11440300MB2C928511";
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DecidingParty OwnerUnit = new(false, Owner), OtherUnit = new(false, "11440300MA5F0000X9"), CreditCentre = new(true, null);

    private static readonly RepairTarget Record = new(TargetKind.Record, "rec-1", Subject, Owner, "AdministrativePenalty", "General",
        new DateOnly(2026, 8, 10), "2025", null, TargetStatus.Active);

    private static Objection Open() =>
        Objection.Create(ObjectionDecider.Raise("ob-1", Subject, TargetKind.Record, "rec-1", Record, "处罚对象错误", At).Event!);

    [Test]
    public void Given_the_subjects_own_record_when_it_objects_then_the_objection_is_open_for_the_owning_unit() =>
        Assert.That((Open().Status, Open().OwnerUnit), Is.EqualTo((ObjectionStatus.Open, Owner)));

    [Test]
    public void Given_a_proposed_list_entry_when_its_subject_objects_during_the_notice_period_then_it_may()
    {
        var proposed = new RepairTarget(TargetKind.ListEntry, "le-1", Subject, Owner, "SeriousDishonesty", null, null, null, null, TargetStatus.Pending);

        Assert.That(ObjectionDecider.Raise("ob-2", Subject, TargetKind.ListEntry, "le-1", proposed, "依据已撤销", At).Event, Is.Not.Null);
    }

    [TestCase("91110000100000000X", TestName = "Another subject's record cannot be objected to")]
    public void Given_another_subjects_record_when_objecting_then_it_is_refused_as_unknown_for_that_subject(string subject)
    {
        var (raised, refusal) = ObjectionDecider.Raise("ob-3", subject, TargetKind.Record, "rec-1", Record, "x", At);

        Assert.That((raised, refusal), Is.EqualTo(((ObjectionRaised?)null, $"No record rec-1 of subject {subject} is known.")));
    }

    [Test]
    public void Given_an_open_objection_when_the_owning_unit_upholds_it_with_revocation_then_it_is_upheld()
    {
        var done = (Decision.Append)ObjectionDecider.Settle(Open(), OwnerUnit, true, ObjectionAction.Revoke, null, "处罚决定已撤销", At);

        var settled = Open().Apply(done.Events[0]);
        Assert.That((settled.Status, settled.Action), Is.EqualTo((ObjectionStatus.Upheld, ObjectionAction.Revoke)));
    }

    [Test]
    public void Given_an_open_objection_when_the_credit_centre_rejects_it_then_nothing_is_to_change()
    {
        var done = (Decision.Append)ObjectionDecider.Settle(Open(), CreditCentre, false, ObjectionAction.None, null, "信息准确", At);

        Assert.That(Open().Apply(done.Events[0]).Status, Is.EqualTo(ObjectionStatus.Rejected));
    }

    [Test]
    public void Given_an_open_objection_when_another_unit_resolves_it_then_it_is_forbidden() =>
        Assert.That(ObjectionDecider.Settle(Open(), OtherUnit, false, ObjectionAction.None, null, "x", At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Forbidden));

    [Test]
    public void Given_a_rejected_objection_when_the_same_resolution_comes_again_then_nothing_changes_but_upholding_it_is_the_wrong_state()
    {
        var rejected = Open().Apply(((Decision.Append)ObjectionDecider.Settle(Open(), OwnerUnit, false, ObjectionAction.None, null, "信息准确", At)).Events[0]);

        Assert.That(ObjectionDecider.Settle(rejected, OwnerUnit, false, ObjectionAction.None, null, "信息准确", At), Is.TypeOf<Decision.Unchanged>());
        Assert.That(ObjectionDecider.Settle(rejected, OwnerUnit, true, ObjectionAction.Correct, "金额", "改判", At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Conflict));
    }
}
