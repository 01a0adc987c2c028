using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Consumers;
using CreditMesh.Exchange.Domain.Receipts;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Domain.Subscriptions;
using CreditMesh.Exchange.Features;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>Subscription terms, receipts and how owners' reasons become the feed's.</summary>
public sealed class SubscriptionRulesTests
{
    private static readonly CallbackPolicy Local = new(["localhost"]);

    [Test]
    public void Valid_terms_are_normalized_and_repeated_values_kept_once()
    {
        var (terms, errors) = SubscriptionTerms.Check("http://localhost/hooks", ["ListEntryActivated", "ListEntryActivated"],
            [" 9144030071526726xg ", "9144030071526726XG"], ["CourtDefaulter"], Local);

        Assert.That(errors, Is.Empty);
        Assert.That(terms!.Events, Is.EqualTo(new[] { "ListEntryActivated" }));
        Assert.That(terms.SubjectCodes, Is.EqualTo(new[] { "9144030071526726XG" }));
        Assert.That(terms.ListTypes, Is.EqualTo(new[] { "CourtDefaulter" }));
    }

    [Test]
    public void Every_bad_field_is_named()
    {
        var (terms, errors) = SubscriptionTerms.Check("http://10.0.0.5/hooks", ["ListEntryActivated", "Everything"], ["9144030071526726XA"], ["Blacklist"], Local);

        Assert.That(terms, Is.Null);
        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "callbackUrl", "events[1]", "subjectCodes[0]", "listTypes[0]" }));
    }

    [Test]
    public void More_than_100000_subject_codes_are_refused()
    {
        var codes = Enumerable.Repeat<string?>("9144030071526726XG", SubscriptionTerms.MaxSubjectCodes + 1).ToList();

        var (_, errors) = SubscriptionTerms.Check("http://localhost/hooks", ["RecordDisclosed"], codes, null, Local);

        Assert.That(errors["subjectCodes"].Single(), Does.Contain("100,000"));
    }

    [Test]
    public void A_receipt_moves_the_position_forward_only_and_never_past_the_head()
    {
        var at = DateTimeOffset.UnixEpoch;
        var first = FeedReceipts.Acknowledge(null, "NATIONAL-PLATFORM", 10, 20, at);
        var state = FeedReceipts.Create(((Decision.Append)first).Events.Single());

        Assert.That(state.UpTo, Is.EqualTo(10));
        Assert.That(FeedReceipts.Acknowledge(state, "NATIONAL-PLATFORM", 5, 20, at), Is.TypeOf<Decision.Unchanged>());
        Assert.That(FeedReceipts.Acknowledge(state, "NATIONAL-PLATFORM", 21, 20, at), Is.TypeOf<Decision.Rejected>()
            .With.Property("Why").Property("Field").EqualTo("upTo"));
        Assert.That(FeedReceipts.Acknowledge(state, "NATIONAL-PLATFORM", -1, 20, at), Is.TypeOf<Decision.Rejected>());
    }

    [TestCase("PublicityEnded", WithdrawalReason.Expired)]
    [TestCase("Repaired (深市监信修〔2026〕1号)", WithdrawalReason.Repaired)]
    [TestCase("something else", WithdrawalReason.Revoked)]
    public void Ingestions_reason_for_ending_disclosure_becomes_the_feeds(string reason, WithdrawalReason expected) =>
        Assert.That(IncomingFacts.DisclosureEndReason(reason), Is.EqualTo(expected));

    [Test]
    public void A_revocation_by_an_upheld_objection_is_withdrawn_as_objection_upheld()
    {
        var revoked = new Contracts.CreditRecordRevoked(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "9144030071526726XG", "record-R1", 3, null, null, "R1",
            "Objection upheld: 主体认定错误", ObjectionId: "OBJ-1");

        var ended = (ItemEnded)IncomingFacts.Of(revoked);

        Assert.That(ended.Ending.Reason, Is.EqualTo(WithdrawalReason.ObjectionUpheld));
        Assert.That(((ItemEnded)IncomingFacts.Of(revoked with { ObjectionId = null })).Ending.Reason, Is.EqualTo(WithdrawalReason.Revoked));
    }
}
