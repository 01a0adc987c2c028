using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.Messaging;

namespace CreditMesh.UnitTests.Messaging;

/// <summary>
/// How a relay page becomes envelopes (ADR 0018): every stream's events stay in version order, a later one in a later
/// round (published only after the broker confirmed the round before), and no envelope holds more than the limit.
/// </summary>
public sealed class RelayPlanTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static (string, IIntegrationEvent) Proposed(string stream, long version) =>
        (stream, new ListEntryProposed(Guid.NewGuid(), At, "91350100M000100Y43", stream, version, null, null, stream, "Black", "Court", null));

    private static (string, IIntegrationEvent) Activated(string stream, long version) =>
        (stream, new ListEntryActivated(Guid.NewGuid(), At, "91350100M000100Y43", stream, version, null, null, stream, "Black", "Court", At, At.AddYears(3)));

    private static string[] Names(IReadOnlyList<IIntegrationEvent> envelope) => [.. envelope.Select(e => $"{e.SourceStream}@{e.SourceVersion}")];

    [Test]
    public void A_page_of_one_kind_of_event_is_one_round_of_envelopes_up_to_the_limit_each()
    {
        var page = Enumerable.Range(0, 250).Select(i => Proposed($"entry-{i}", 1)).ToList();

        var rounds = RelayPlan.Rounds(page, limit: 100);

        Assert.That(rounds, Has.Count.EqualTo(1));
        Assert.That(rounds[0].Select(e => e.Count), Is.EqualTo(new[] { 100, 100, 50 }));
        Assert.That(rounds[0].SelectMany(e => e), Is.EqualTo(page.Select(p => p.Item2)), "every event once, in commit order");
    }

    [Test]
    public void A_streams_next_kind_of_event_waits_for_the_next_round()
    {
        // Two entries proposed then activated, a third only proposed, in commit order
        var page = new[] { Proposed("a", 1), Proposed("b", 1), Activated("a", 2), Proposed("c", 1), Activated("b", 2) };

        var rounds = RelayPlan.Rounds(page, limit: 100);

        Assert.That(rounds.Select(r => r.Select(Names).ToArray()).ToArray(), Is.EqualTo(new[]
        {
            new[] { new[] { "a@1", "b@1", "c@1" } },
            new[] { new[] { "a@2", "b@2" } },
        }));
    }

    [Test]
    public void Consecutive_events_of_one_type_in_a_stream_share_an_envelope_and_a_long_run_is_cut_across_rounds()
    {
        var page = Enumerable.Range(1, 5).Select(v => Proposed("a", v)).Append(Proposed("b", 1)).ToList();

        var rounds = RelayPlan.Rounds(page, limit: 2);

        // a's run is cut at two events: a@1-2 with nothing else (b@1 would make three), then a@3-4, then a@5
        Assert.That(rounds.Select(r => r.Select(Names).ToArray()).ToArray(), Is.EqualTo(new[]
        {
            new[] { new[] { "a@1", "a@2" }, new[] { "b@1" } },
            new[] { new[] { "a@3", "a@4" } },
            new[] { new[] { "a@5" } },
        }));
    }

    [Test]
    public void Envelopes_of_different_types_in_one_round_stay_apart()
    {
        var page = new[] { Proposed("a", 1), Activated("b", 7), Proposed("c", 1) };

        var round = RelayPlan.Rounds(page, limit: 100).Single();

        Assert.That(round.Select(Names), Is.EquivalentTo(new[] { new[] { "a@1", "c@1" }, new[] { "b@7" } }));
        Assert.That(round.All(e => e.Select(x => x.GetType()).Distinct().Count() == 1));
    }

    [Test]
    public void An_empty_page_has_no_rounds_and_a_limit_below_one_is_refused()
    {
        Assert.That(RelayPlan.Rounds([], limit: 100), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => RelayPlan.Rounds([Proposed("a", 1)], limit: 0));
    }

    [Test]
    public void An_envelope_is_typed_by_its_events_and_round_trips_through_json_with_every_event_field()
    {
        var (_, first) = Activated("a", 2);
        var (_, second) = Activated("b", 3);

        var envelope = EventBatch.Of([first, second]);

        Assert.That(envelope, Is.TypeOf<EventBatch<ListEntryActivated>>());
        var back = JsonSerializer.Deserialize<EventBatch<ListEntryActivated>>(JsonSerializer.Serialize(envelope, envelope.GetType()))!;
        Assert.That(back.Events, Is.EqualTo(new[] { first, second }).Using<ListEntryActivated>((x, y) => x with { BasisRecordIds = null } == y with { BasisRecordIds = null }));
        Assert.Throws<ArgumentException>(() => EventBatch.Of([first, Proposed("c", 1).Item2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventBatch.Of(Array.Empty<IIntegrationEvent>()));
    }
}
