using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

public sealed class SubjectDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly LegalRepresentative Ma = new("马化腾", "11010519491231002X");

    private static RegisterSubject Registration(bool provisional = false, string name = "腾讯科技（深圳）有限公司", params (string, LegacyCodeKind)[] legacy) =>
        new("9144030071526726XG", SubjectKind.LegalPerson, name, Ma, legacy, provisional, At);

    private static Subject Fold(IEnumerable<object> events) =>
        events.Skip(1).Aggregate(Subject.Create(events.First()), (s, e) => s.Apply(e));

    [Test]
    public void A_new_registration_starts_the_stream_and_links_its_legacy_codes()
    {
        var decision = SubjectDecider.Register(null, Registration(legacy: ("715267260", LegacyCodeKind.OrganizationCode)));

        var events = ((Decision.Append)decision).Events;
        Assert.That(events[0], Is.EqualTo(new SubjectRegistered("9144030071526726XG", SubjectKind.LegalPerson, "腾讯科技（深圳）有限公司", Ma, false, At)));
        Assert.That(events[1], Is.EqualTo(new LegacyCodeLinked("9144030071526726XG", "715267260", LegacyCodeKind.OrganizationCode, At)));
        Assert.That(Fold(events).LegacyCodes.Keys, Is.EqualTo(new[] { "715267260" }));
    }

    [Test]
    public void The_same_registration_again_changes_nothing_and_different_details_are_refused()
    {
        var subject = Fold(((Decision.Append)SubjectDecider.Register(null, Registration())).Events);

        Assert.That(SubjectDecider.Register(subject, Registration()), Is.TypeOf<Decision.Unchanged>());
        Assert.That(SubjectDecider.Register(subject, Registration(name: "另一个名称")), Is.TypeOf<Decision.Rejected>());
        Assert.That(SubjectDecider.Register(subject, Registration() with { Kind = SubjectKind.Organization }),
            Is.EqualTo(Decision.Conflict("kind", "Subject 9144030071526726XG is registered as LegalPerson, not Organization.")));
    }

    [Test]
    public void A_provisional_subject_is_confirmed_by_a_registration_but_not_by_another_record()
    {
        var provisional = Fold(((Decision.Append)SubjectDecider.Register(null, Registration(provisional: true, name: "记录中的名称"))).Events);

        Assert.That(SubjectDecider.Register(provisional, Registration(provisional: true, name: "又一条记录")), Is.TypeOf<Decision.Unchanged>());
        var confirmed = Fold([new SubjectRegistered("9144030071526726XG", SubjectKind.LegalPerson, "记录中的名称", null, true, At),
            .. ((Decision.Append)SubjectDecider.Register(provisional, Registration())).Events]);
        Assert.That((confirmed.Provisional, confirmed.Name, confirmed.LegalRepresentative), Is.EqualTo((false, "腾讯科技（深圳）有限公司", Ma)));
    }

    [Test]
    public void A_deregistered_subject_accepts_no_changes_and_deregistering_twice_changes_nothing()
    {
        var subject = Fold([.. ((Decision.Append)SubjectDecider.Register(null, Registration())).Events, new SubjectDeregistered("9144030071526726XG", "注销", At)]);

        Assert.That(SubjectDecider.Deregister(subject, new DeregisterSubject("again", At)), Is.TypeOf<Decision.Unchanged>());
        Assert.That(SubjectDecider.Update(subject, new UpdateSubject("新名称", null, At)), Is.TypeOf<Decision.Rejected>());
        Assert.That(SubjectDecider.LinkLegacyCode(subject, "715267260", LegacyCodeKind.OrganizationCode, At), Is.TypeOf<Decision.Rejected>());
    }

    [Test]
    public void Linking_a_legacy_code_twice_changes_nothing()
    {
        var subject = Fold(((Decision.Append)SubjectDecider.Register(null, Registration(legacy: ("715267260", LegacyCodeKind.OrganizationCode)))).Events);
        Assert.That(SubjectDecider.LinkLegacyCode(subject, "715267260", LegacyCodeKind.OrganizationCode, At), Is.TypeOf<Decision.Unchanged>());
    }
}
