using CreditMesh.Matching.Domain.Matches;

namespace CreditMesh.UnitTests.Matching;

public sealed class FeedbackDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly MatchState Match = new("M-1", "91440300MA5F000000", "APPROVAL-A", "system-a", ["PUN-PROCUREMENT", "PUN-FISCAL-FUNDING"], null);

    private static FeedbackDecision Report(string? unit = "APPROVAL-A", string? user = "system-a", string? outcome = "Denied",
        string?[]? applied = null, NotAppliedInput?[]? notApplied = null, MatchState? match = null) =>
        FeedbackDecider.Handle(match ?? Match, new FeedbackCommand(unit, user, outcome, applied ?? ["PUN-PROCUREMENT"],
            notApplied ?? [new NotAppliedInput("PUN-FISCAL-FUNDING", "本事项不涉及财政资金")], At));

    [Test]
    public void The_asker_accounting_for_every_hit_measure_is_accepted()
    {
        var accepted = (FeedbackDecision.Accepted)Report();
        Assert.That(accepted.Event.NotApplied, Is.EqualTo(new[] { new NotApplied("PUN-FISCAL-FUNDING", "本事项不涉及财政资金") }));
    }

    [Test]
    public void Another_approver_or_another_user_of_the_same_unit_is_not_the_asker()
    {
        Assert.That(Report(unit: "APPROVAL-B"), Is.TypeOf<FeedbackDecision.NotTheAsker>());
        Assert.That(Report(user: "system-b"), Is.TypeOf<FeedbackDecision.NotTheAsker>());
    }

    [Test]
    public void A_measure_not_applied_without_reason_or_not_reported_at_all_is_refused_naming_the_field()
    {
        var noReason = (FeedbackDecision.Invalid)Report(notApplied: [new NotAppliedInput("PUN-FISCAL-FUNDING", " ")]);
        Assert.That(noReason.Errors.Keys, Is.EqualTo(new[] { "notApplied[0].reason" }));

        var silent = (FeedbackDecision.Invalid)Report(notApplied: []);
        Assert.That(silent.Errors["notApplied"][0], Does.Contain("PUN-FISCAL-FUNDING"));

        var unknown = (FeedbackDecision.Invalid)Report(applied: ["PUN-PROCUREMENT", "PUN-BOND"]);
        Assert.That(unknown.Errors.Keys, Is.EqualTo(new[] { "applied[1]" }));

        Assert.That(((FeedbackDecision.Invalid)Report(outcome: "Maybe")).Errors.Keys, Is.EqualTo(new[] { "outcome" }));
    }

    [Test]
    public void Feedback_is_reported_once_and_the_same_feedback_again_is_a_harmless_retry()
    {
        var first = ((FeedbackDecision.Accepted)Report()).Event;
        Assert.That(Report(match: Match.Apply(first), outcome: "Granted"), Is.TypeOf<FeedbackDecision.AlreadyReported>());
        Assert.That(Report(match: Match.Apply(first)), Is.TypeOf<FeedbackDecision.Repeated>());
    }
}
