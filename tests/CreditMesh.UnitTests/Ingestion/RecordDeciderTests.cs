using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.UnitTests.Ingestion.Records;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class RecordDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly PublicityWindow Window = new(true, new DateOnly(2026, 5, 10), new DateOnly(2026, 8, 10), new DateOnly(2027, 5, 10), "2025");

    private static CreditRecord Penalty(decimal fine = 50000m) => (Submissions.Penalty() with { FineAmount = fine }).Accepted();

    private static CreditRecordState Accepted(CreditRecord record) =>
        CreditRecordState.Create(((SubmissionOutcome.Accept)RecordDecider.Submit(null, "UNIT-A", record, false, Window, new DateOnly(2026, 11, 24), At)).Event);

    [Test]
    public void The_same_key_and_content_is_a_duplicate_and_other_content_a_conflict()
    {
        var state = Accepted(Penalty());
        Assert.That(RecordDecider.Submit(state, "UNIT-A", Penalty(), false, Window, new DateOnly(2026, 11, 24), At), Is.TypeOf<SubmissionOutcome.Duplicate>());
        Assert.That(RecordDecider.Submit(state, "UNIT-A", Penalty(60000m), false, Window, new DateOnly(2026, 11, 24), At), Is.TypeOf<SubmissionOutcome.Conflict>());
    }

    [Test]
    public void A_correction_replaces_the_content_and_the_same_content_again_changes_nothing()
    {
        var state = Accepted(Penalty());
        var change = (Decision.Append)RecordDecider.Correct(state, Penalty(30000m), Window, "金额更正", At);
        var corrected = state.Apply(change.Events.Single());
        Assert.That((corrected.Status, corrected.Record.FineAmount), Is.EqualTo((RecordStatus.Corrected, (decimal?)30000m)));
        Assert.That(RecordDecider.Correct(corrected, Penalty(30000m), Window, "again", At), Is.TypeOf<Decision.Unchanged>());
    }

    [Test]
    public void A_revoked_record_takes_no_correction_and_is_not_revoked_twice()
    {
        var revoked = Accepted(Penalty());
        revoked = revoked.Apply(((Decision.Append)RecordDecider.Revoke(revoked, "复议撤销", At)).Events.Single());
        Assert.That(revoked.Status, Is.EqualTo(RecordStatus.Revoked));
        Assert.That(RecordDecider.Revoke(revoked, "again", At), Is.TypeOf<Decision.Unchanged>());
        Assert.That(((Decision.Rejected)RecordDecider.Correct(revoked, Penalty(1m), Window, "late", At)).Why.Field, Is.EqualTo("recordId"));
    }

    [Test]
    public void Record_ids_follow_from_unit_and_key_only()
    {
        Assert.That(RecordIds.For("UNIT-A", "PEN-1"), Is.EqualTo(RecordIds.For("UNIT-A", "PEN-1")));
        Assert.That(RecordIds.For("UNIT-A", "PEN-1"), Is.Not.EqualTo(RecordIds.For("UNIT-B", "PEN-1")));
        Assert.That(Guid.TryParse(RecordIds.For("UNIT-A", "PEN-1"), out _), Is.True);
    }
}
