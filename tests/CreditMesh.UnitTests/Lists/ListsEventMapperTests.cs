using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Features;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.UnitTests.Lists;

/// <summary>Every version of an entry stream is published as exactly one integration event (ADR 0005), with the basis records.</summary>
public sealed class ListsEventMapperTests
{
    private static readonly DateTimeOffset At = Subject.Now;
    private static readonly DateTimeOffset Until = At.AddYears(1);

    public static IEnumerable<TestCaseData> Events()
    {
        yield return new TestCaseData(new EntryProposed("E1", ListType.SeriousDishonesty, Subject.Code, Subject.Market, ["R1"], DeterminationRule.SeriousPenalty,
            "2026.1", Until, At.AddDays(7), null, At), typeof(Contracts.ListEntryProposed));
        yield return new TestCaseData(new EntryActivated("E1", ListType.SeriousDishonesty, Subject.Code, Subject.Market, ["R1"], DeterminationRule.SeriousPenalty,
            "2026.1", At, Until, At), typeof(Contracts.ListEntryActivated));
        yield return new TestCaseData(new EntryRemoved("E1", Subject.Code, RemovalReason.BasisRevoked, null, At), typeof(Contracts.ListEntryRemoved));
        yield return new TestCaseData(new EntrySuspended("E1", Subject.Code, "E2", At), typeof(Contracts.ListEntrySuspended));
        yield return new TestCaseData(new EntryRestored("E1", Subject.Code, Until, At), typeof(Contracts.ListEntryRestored));
    }

    [TestCaseSource(nameof(Events))]
    public void Each_entry_event_maps_to_exactly_one_integration_event_of_its_kind(object data, Type expected)
    {
        var stored = StoredEvents.Of("list-entry-E1", 3, data, At, new EventMetadata(Actor: new EventActor("U", "u", "member-unit")));

        var published = new ListsEventMapper().Map(stored).ToList();

        Assert.That(published.Single(), Is.TypeOf(expected));
        var e = (Contracts.IIntegrationEvent)published.Single();
        Assert.That((e.EventId, e.SourceStream, e.SourceVersion, e.SubjectCode, e.Actor?.Unit), Is.EqualTo((stored.Id, "list-entry-E1", 3L, Subject.Code, "U")));
    }

    [Test]
    public void Activation_carries_its_period_and_basis_and_removal_its_reason()
    {
        var activated = (Contracts.ListEntryActivated)new ListsEventMapper().Map(StoredEvents.Of("list-entry-E1", 1,
            new EntryActivated("E1", ListType.CourtDefaulter, Subject.Code, Subject.Court, ["C1"], DeterminationRule.CourtDefaulter, "2026.1", At, Until, At),
            At)).Single();
        var removed = (Contracts.ListEntryRemoved)new ListsEventMapper().Map(StoredEvents.Of("list-entry-E1", 2,
            new EntryRemoved("E1", Subject.Code, RemovalReason.Repaired, "修复", At), At)).Single();

        Assert.That((activated.ListType, activated.DeterminedBy, activated.ValidFrom, activated.ValidUntil, activated.BasisRecordIds!.Single()),
            Is.EqualTo(("CourtDefaulter", Subject.Court, At, Until, "C1")));
        Assert.That(removed.Reason, Is.EqualTo("Repaired"));
    }
}
