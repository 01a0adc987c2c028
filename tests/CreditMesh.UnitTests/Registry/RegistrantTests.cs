using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using CreditMesh.Identifiers;

namespace CreditMesh.UnitTests.Registry;

/// <summary>DESIGN §7: only the unit that registered a subject, or the credit centre, changes it (ADR 0012).</summary>
public sealed class RegistrantTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Registrar UnitA = new("11440300MB2C928511", IsCreditCenter: false);
    private static readonly Registrar UnitB = new("11440300MA5F0000X9", IsCreditCenter: false);
    private static readonly Registrar Centre = new(null, IsCreditCenter: true);

    private static RegisterSubject Registration(Registrar? by, bool provisional = false, params (string, LegacyCodeKind)[] legacy) =>
        new("9144030071526726XG", SubjectKind.LegalPerson, "腾讯科技（深圳）有限公司", null, legacy, provisional, At, by);

    private static Subject Fold(IEnumerable<object> events) =>
        events.Skip(1).Aggregate(Subject.Create(events.First()), (s, e) => s.Apply(e));

    private static Subject Registered(Registrar? by, bool provisional = false) =>
        Fold(((Decision.Append)SubjectDecider.Register(null, Registration(by, provisional))).Events);

    [Test]
    public void The_registering_unit_is_recorded_and_may_change_the_subject_while_another_unit_may_not()
    {
        var subject = Registered(UnitA);

        Assert.That(subject.RegisteredBy, Is.EqualTo("11440300MB2C928511"));
        Assert.That((UnitA.MayChange(subject), UnitB.MayChange(subject), Centre.MayChange(subject)), Is.EqualTo((true, false, true)));
    }

    [Test]
    public void A_subject_the_credit_centre_registered_is_changed_by_the_centre_only()
    {
        var subject = Registered(Centre);

        Assert.That(subject.RegisteredBy, Is.Null);
        Assert.That((UnitA.MayChange(subject), Centre.MayChange(subject)), Is.EqualTo((false, true)));
    }

    [Test]
    public void A_provisional_subject_has_no_registrant_until_a_units_registration_confirms_it()
    {
        var provisional = Registered(null, provisional: true);
        Assert.That(UnitA.MayChange(provisional), Is.False);

        var confirmed = Fold([new SubjectRegistered("9144030071526726XG", SubjectKind.LegalPerson, "腾讯科技（深圳）有限公司", null, true, At),
            .. ((Decision.Append)SubjectDecider.Register(provisional, Registration(UnitB))).Events]);

        Assert.That((confirmed.Provisional, confirmed.RegisteredBy), Is.EqualTo((false, "11440300MA5F0000X9")));
        Assert.That((UnitB.MayChange(confirmed), UnitA.MayChange(confirmed)), Is.EqualTo((true, false)));
    }

    [Test]
    public void Registering_again_with_more_legacy_codes_is_refused_to_another_unit()
    {
        var subject = Registered(UnitA);
        var more = ("715267260", LegacyCodeKind.OrganizationCode);

        Assert.That(SubjectDecider.Register(subject, Registration(UnitB, legacy: more)), Is.EqualTo(SubjectDecider.NotTheRegistrant));
        Assert.That(SubjectDecider.Register(subject, Registration(UnitB)), Is.TypeOf<Decision.Unchanged>());
        Assert.That(SubjectDecider.Register(subject, Registration(UnitA, legacy: more)), Is.TypeOf<Decision.Append>());
    }
}
