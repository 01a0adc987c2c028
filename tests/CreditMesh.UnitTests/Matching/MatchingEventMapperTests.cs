using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.Matching.Features;

namespace CreditMesh.UnitTests.Matching;

public sealed class MatchingEventMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private static JasperFx.Events.IEvent Stored(long version, object data) => StoredEvents.Of("match-M-1", version, data, At);

    [Test]
    public void Each_version_of_a_match_stream_is_one_integration_event_naming_the_asker()
    {
        var answered = new MatchAnswered("M-1", "91440300MA5F000000", "GOV_PROCUREMENT", "Prohibit",
            [new LoggedHit("LE-1", "CourtDefaulter", "COURT-SZ", At.AddYears(1), null, ["PUN-PROCUREMENT"])], [], At, null, "2026.2",
            "APPROVAL-A", "system-a", "approver");
        var feedback = new FeedbackReported("M-1", "91440300MA5F000000", "Denied", ["PUN-PROCUREMENT"], [], At, "APPROVAL-A", "system-a");
        var mapper = new MatchingEventMapper();

        var performed = mapper.Map(Stored(1, answered)).Single();
        var received = mapper.Map(Stored(2, feedback)).Single();

        Assert.That(performed, Is.TypeOf<MatchPerformed>());
        var p = (MatchPerformed)performed;
        Assert.That((p.SourceStream, p.SourceVersion, p.MatchId, p.Decision, p.Hits, p.Actor), Is.EqualTo(
            ("match-M-1", 1L, "M-1", "Prohibit", 1, new Actor("APPROVAL-A", "system-a", "approver"))));
        Assert.That(((MatchFeedbackReceived)received).Outcome, Is.EqualTo("Denied"));
        Assert.That(((MatchFeedbackReceived)received).SourceVersion, Is.EqualTo(2));
    }
}
