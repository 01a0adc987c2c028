using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Domain.Notices;

namespace CreditMesh.UnitTests.Lists;

/// <summary>告知书 (DESIGN §4.9): every proposed entry gives the subject notice, with its basis, legal basis and deadline.</summary>
public sealed class ListingNoticeTests
{
    [Test]
    public void A_serious_penalty_proposes_an_entry_and_gives_notice_of_it_with_the_objection_deadline()
    {
        var subject = new Subject();

        var changes = subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        var notice = ListingNotice.For(changes).Single();
        var entry = subject.Single(ListType.SeriousDishonesty);
        Assert.That((notice.ListEntryId, notice.ListType, notice.SubjectCode, notice.BasisRecordIds.Single(), notice.IssuedAt),
            Is.EqualTo((entry.ListEntryId, ListType.SeriousDishonesty, Subject.Code, "R1", Subject.Now)));
        Assert.That(notice.ObjectionDeadline, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 0, 0, 0, ChinaTime.Offset)), "five working days after 24 Nov");
        Assert.That(notice.LegalBasis, Does.Contain("国办发〔2020〕49号"));
        Assert.That(notice.NoticeId, Is.EqualTo(ListingNotice.IdFor(entry.ListEntryId)).And.Not.EqualTo(entry.ListEntryId));
    }

    [Test]
    public void Entries_that_take_effect_at_once_give_no_notice()
    {
        var subject = new Subject();

        var changes = subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));

        Assert.That(ListingNotice.For(changes), Is.Empty);
    }

    [Test]
    public void A_units_own_proposal_states_its_reason_in_the_legal_basis()
    {
        var subject = new Subject();
        subject.Receive(Subject.Record("H1", RecordCategories.AdministrativePenalty, Severities.General));

        var changes = subject.Apply(subject.Decider.ProposeManually(subject.Facts, Subject.Market, ListType.KeyAttention, ["H1"], "多次虚假宣传",
            null, Subject.Now));

        Assert.That(ListingNotice.For(changes).Single().LegalBasis, Does.Contain("多次虚假宣传").And.Contain(Subject.Market));
    }

    [TestCase(false, -1, NoticeStatus.Open)]
    [TestCase(true, -1, NoticeStatus.Objected)]
    [TestCase(false, 0, NoticeStatus.Lapsed)]
    [TestCase(true, 1, NoticeStatus.Objected)]
    public void A_notice_is_open_until_its_deadline_objected_when_an_objection_came_in_time_and_lapsed_otherwise(bool objected, int hoursFromDeadline,
        NoticeStatus expected)
    {
        var deadline = new DateTimeOffset(2026, 12, 2, 0, 0, 0, ChinaTime.Offset);

        Assert.That(ListingNotice.StatusAt(deadline, objected, deadline.AddHours(hoursFromDeadline)), Is.EqualTo(expected));
    }
}
