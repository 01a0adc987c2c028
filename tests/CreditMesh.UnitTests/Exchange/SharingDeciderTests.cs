using CreditMesh.Calendar;
using CreditMesh.Exchange.Domain.Sharing;
using static CreditMesh.UnitTests.Exchange.Items;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>报送/共享 and 停止共享 (DESIGN §4.10) for one item, whatever order its events arrive in.</summary>
public sealed class SharingDeciderTests
{
    private static (SharedItem Item, List<ItemChange> Changes) Run(params ItemFact[] facts) => RunAt(Now, facts);

    private static (SharedItem Item, List<ItemChange> Changes) RunAt(DateTimeOffset now, params ItemFact[] facts)
    {
        SharedItem? item = null;
        var changes = new List<ItemChange>();
        foreach (var fact in facts)
        {
            var (next, made) = SharingDecider.Learn(item, fact, now);
            item = next;
            changes.AddRange(made);
        }
        return (item!, changes);
    }

    [Test]
    public void A_disclosed_record_is_shared_once_with_its_national_codes()
    {
        var (item, changes) = Run(Seen(Penalty()), Seen(Penalty()));

        Assert.That(changes, Has.Count.EqualTo(1), "the redelivered acceptance adds nothing");
        Assert.Multiple(() =>
        {
            Assert.That(changes[0].Type, Is.EqualTo(FeedItemType.RecordDisclosed));
            Assert.That(changes[0].ToFeed, Is.True);
            Assert.That(changes[0].PushEvent, Is.EqualTo(PushEvents.RecordDisclosed));
            Assert.That(changes[0].Payload["CF_WSH"], Is.EqualTo("深市监罚〔2026〕123号"));
            Assert.That(item.Status, Is.EqualTo(SharingStatus.Shared));
            Assert.That(item.SharedUntil, Is.EqualTo(ChinaTime.StartOf(new DateOnly(2027, 5, 10))), "shared until its publicity window ends");
        });
    }

    [Test]
    public void A_record_that_is_not_disclosed_is_never_shared_nor_withdrawn()
    {
        var (item, changes) = Run(Seen(Penalty(), disclosed: false), Ended(ItemKind.Record, "R1", WithdrawalReason.Revoked));

        Assert.That(changes, Is.Empty);
        Assert.That(item.Status, Is.EqualTo(SharingStatus.NotShared));
    }

    [TestCase(WithdrawalReason.Repaired)]
    [TestCase(WithdrawalReason.Revoked)]
    [TestCase(WithdrawalReason.ObjectionUpheld)]
    public void Ending_a_shared_record_withdraws_it_once_with_its_reason(WithdrawalReason reason)
    {
        var ended = Now.AddDays(1);

        var (item, changes) = Run(Seen(Penalty()), Ended(ItemKind.Record, "R1", reason, at: ended),
            Ended(ItemKind.Record, "R1", WithdrawalReason.Expired, version: 3));

        Assert.That(changes.Select(c => c.Type), Is.EqualTo(new[] { FeedItemType.RecordDisclosed, FeedItemType.Withdrawn }));
        Assert.Multiple(() =>
        {
            Assert.That(changes[1].Reason, Is.EqualTo(reason), "the first ending is final");
            Assert.That(changes[1].OccurredAt, Is.EqualTo(ended));
            Assert.That(changes[1].PushEvent, Is.EqualTo(PushEvents.RecordWithdrawn));
            Assert.That(changes[1].Payload["TZGX_YYDM"], Is.EqualTo(reason.ToString()));
            Assert.That(changes[1].Payload["CF_WSH"], Is.EqualTo("深市监罚〔2026〕123号"), "the withdrawal names what the nation holds");
            Assert.That(item.SharedUntil, Is.Null);
        });
    }

    [Test]
    public void A_revocation_that_overtakes_the_acceptance_leaves_nothing_to_share()
    {
        var (item, changes) = Run(Ended(ItemKind.Record, "R1", WithdrawalReason.Revoked), Seen(Penalty()));

        Assert.That(changes, Is.Empty);
        Assert.That(item.Status, Is.EqualTo(SharingStatus.NotShared));
    }

    [Test]
    public void A_correction_shares_the_new_content_and_a_late_older_version_changes_nothing()
    {
        var (_, changes) = Run(Seen(Penalty()), Seen(Penalty(decisionNumber: "深市监罚〔2026〕124号"), version: 2), Seen(Penalty(), version: 1));

        Assert.That(changes.Select(c => c.Payload["CF_WSH"]), Is.EqualTo(new[] { "深市监罚〔2026〕123号", "深市监罚〔2026〕124号" }));
    }

    [Test]
    public void A_correction_that_makes_a_shared_record_undisclosed_withdraws_it()
    {
        var (_, changes) = Run(Seen(Penalty()), Seen(Penalty(), version: 2, disclosed: false));

        Assert.That(changes.Select(c => (c.Type, c.Reason)), Is.EqualTo(new (FeedItemType, WithdrawalReason?)[]
        {
            (FeedItemType.RecordDisclosed, null), (FeedItemType.Withdrawn, WithdrawalReason.Revoked),
        }));
    }

    [Test]
    public void When_the_publicity_window_closes_the_clock_alone_withdraws_the_record_as_expired_at_the_windows_end()
    {
        var end = new DateOnly(2026, 12, 1);
        var (shared, _) = Run(Seen(Penalty(publicityEnds: end)));

        var (before, early) = SharingDecider.Expire(shared, ChinaTime.StartOf(end).AddTicks(-1));
        var (after, changes) = SharingDecider.Expire(before, ChinaTime.StartOf(end).AddHours(3));

        Assert.That(early, Is.Empty, "still inside its window");
        Assert.That(changes.Single().Reason, Is.EqualTo(WithdrawalReason.Expired));
        Assert.That(changes.Single().OccurredAt, Is.EqualTo(ChinaTime.StartOf(end)), "the window's end, not the moment it was noticed");
        Assert.That(SharingDecider.Expire(after, ChinaTime.StartOf(end).AddDays(1)).Changes, Is.Empty);
    }

    [Test]
    public void A_record_whose_window_closed_before_it_arrived_is_not_shared()
    {
        var (_, changes) = Run(Seen(Penalty(publicityEnds: new DateOnly(2026, 11, 1))));

        Assert.That(changes, Is.Empty);
    }

    [Test]
    public void An_activated_entry_is_fed_and_its_removal_is_fed_as_the_feeds_reason_and_pushed_with_the_lists_own()
    {
        var (_, changes) = Run(Seen(Entry()), Ended(ItemKind.ListEntry, "E1", WithdrawalReason.Revoked, detail: "BasisRevoked"));

        Assert.That(changes.Select(c => (c.Type, c.PushEvent)), Is.EqualTo(new[]
        {
            (FeedItemType.ListEntryActivated, PushEvents.ListEntryActivated), (FeedItemType.Withdrawn, PushEvents.ListEntryRemoved),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(changes[0].ListType, Is.EqualTo("SeriousDishonesty"));
            Assert.That(changes[1].Reason, Is.EqualTo(WithdrawalReason.Revoked));
            Assert.That(changes[1].PushData["reason"], Is.EqualTo("BasisRevoked"));
        });
    }

    [Test]
    public void An_entry_from_a_national_list_is_pushed_but_not_reported_back_to_the_nation()
    {
        var (_, changes) = Run(Seen(Entry(nationalId: "NAT-1")), Ended(ItemKind.ListEntry, "E1", WithdrawalReason.Expired));

        Assert.That(changes.Select(c => c.ToFeed), Is.EqualTo(new[] { false, false }));
        Assert.That(changes.Select(c => c.PushEvent), Is.EqualTo(new[] { PushEvents.ListEntryActivated, PushEvents.ListEntryRemoved }));
    }

    [Test]
    public void An_entry_expires_at_its_valid_until_instant()
    {
        var until = Now.AddMinutes(5);
        var (shared, _) = Run(Seen(Entry(validUntil: until)));

        var (_, changes) = SharingDecider.Expire(shared, until);

        Assert.That((changes.Single().Reason, changes.Single().OccurredAt), Is.EqualTo(((WithdrawalReason?)WithdrawalReason.Expired, until)));
    }
}
