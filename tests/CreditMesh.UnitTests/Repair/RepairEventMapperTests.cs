using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.Repair.Domain.Objections;
using CreditMesh.Repair.Domain.Targets;
using CreditMesh.Repair.Features;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.UnitTests.Repair;

public sealed class RepairEventMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private const string Subject = "9144030071526726XG";

    private static IEnumerable<TestCaseData> EveryStoredEvent()
    {
        yield return Case(new RepairSubmitted("rp", Subject, TargetKind.Record, "rec", "U1", "承诺", [], new(2026, 11, 24), new(2026, 12, 8), At), typeof(Contracts.RepairApplied));
        yield return Case(new RepairRejected("rp", Subject, TargetKind.Record, "rec", ["too early"], new(2027, 1, 1), At), typeof(Contracts.RepairDecided));
        yield return Case(new RepairAccepted("rp", Subject, TargetKind.Record, "rec", new(2026, 11, 24), new(2026, 11, 27), At), typeof(Contracts.RepairAccepted));
        yield return Case(new RepairApproved("rp", Subject, TargetKind.Record, "rec", "N1", At), typeof(Contracts.RepairDecided));
        yield return Case(new RepairDenied("rp", Subject, TargetKind.Record, "rec", "no", At), typeof(Contracts.RepairDecided));
        yield return Case(new ObjectionRaised("ob", Subject, TargetKind.Record, "rec", "U1", "wrong", At), typeof(Contracts.ObjectionOpened));
        yield return Case(new ObjectionSettled("ob", Subject, TargetKind.Record, "rec", true, ObjectionAction.Revoke, null, "ok", At), typeof(Contracts.ObjectionResolved));
    }

    private static TestCaseData Case(object data, Type expected) => new TestCaseData(data, expected).SetName($"{data.GetType().Name} maps to one {expected.Name}");

    [TestCaseSource(nameof(EveryStoredEvent))]
    public void Every_stored_event_maps_to_exactly_one_integration_event_carrying_its_stream_version(object data, Type expected)
    {
        var stored = StoredEvents.Of("repair-rp", 3, data, At);

        var mapped = new RepairEventMapper().Map(stored).ToList();

        Assert.That(mapped.Single(), Is.TypeOf(expected));
        var e = (Contracts.IIntegrationEvent)mapped[0];
        Assert.That((e.EventId, e.SourceStream, e.SourceVersion, e.SubjectCode), Is.EqualTo((stored.Id, "repair-rp", 3L, Subject)));
    }

    [Test]
    public void An_approval_tells_ingestion_which_record_and_under_which_decision_number()
    {
        var stored = StoredEvents.Of("repair-rp", 4, new RepairApproved("rp", Subject, TargetKind.Record, "rec", "N1", At), At);

        var decided = (Contracts.RepairDecided)new RepairEventMapper().Map(stored).Single();

        Assert.That((decided.Approved, decided.TargetKind, decided.TargetId, decided.DecisionNumber), Is.EqualTo((true, "Record", "rec", "N1")));
    }
}
