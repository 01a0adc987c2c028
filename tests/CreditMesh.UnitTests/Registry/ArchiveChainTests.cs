using CreditMesh.Registry.Domain.Archive;

namespace CreditMesh.UnitTests.Registry;

public sealed class ArchiveChainTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(8));

    private static ArchivedEvent E(long version, string summary = "Record R1 accepted", string payload = """{"recordId":"R1","sourceVersion":1}""") =>
        new("9144030071526726XG", "record-R1", version, "CreditRecordAccepted", Noon.AddMinutes(version), "member-unit:UNIT:clerk", summary, payload);

    /// <summary>A copy of <paramref name="count"/> versions as the writer chains it, with its head.</summary>
    private static (List<ChainLink> Links, ArchiveHead Head) Copy(int count)
    {
        var links = new List<ChainLink>();
        var previous = Array.Empty<byte>();
        for (var v = 1; v <= count; v++)
        {
            previous = ArchiveChain.Hash(previous, E(v), payloadCanonical: true);
            links.Add(new ChainLink(E(v), previous));
        }
        return (links, new ArchiveHead("record-R1", count, previous));
    }

    [Test]
    public void An_intact_copy_verifies_even_when_the_database_gives_its_payload_back_with_members_reordered()
    {
        var (links, head) = Copy(3);
        links[1] = links[1] with { Event = links[1].Event with { Payload = """{ "sourceVersion": 1, "recordId": "R1" }""" } };

        Assert.That(ArchiveChain.FirstBroken(links, head), Is.Null);
    }

    [Test]
    public void A_changed_summary_payload_or_time_breaks_the_copy_at_that_version()
    {
        var (links, head) = Copy(3);
        List<ChainLink> With(int index, ArchivedEvent changed) => [.. links.Select((l, i) => i == index ? l with { Event = changed } : l)];

        Assert.That(ArchiveChain.FirstBroken(With(1, E(2, summary: "nothing happened")), head), Is.EqualTo(2));
        Assert.That(ArchiveChain.FirstBroken(With(2, E(3, payload: """{"recordId":"R2","sourceVersion":1}""")), head), Is.EqualTo(3));
        Assert.That(ArchiveChain.FirstBroken(With(0, E(1) with { OccurredAt = Noon.AddDays(-1) }), head), Is.EqualTo(1));
    }

    [Test]
    public void A_removed_event_in_the_middle_or_at_the_end_is_named()
    {
        var (links, head) = Copy(3);

        Assert.That(ArchiveChain.FirstBroken([links[0], links[2]], head), Is.EqualTo(2), "a gap");
        Assert.That(ArchiveChain.FirstBroken(links.Take(2).ToList(), head), Is.EqualTo(3), "the head is ahead of the chain");
        Assert.That(ArchiveChain.FirstBroken(links, null), Is.Not.Null, "a copy without its head");
    }

    [Test]
    public void An_event_never_chained_breaks_the_copy_there()
    {
        var (links, head) = Copy(3);
        links[2] = links[2] with { Hash = null };

        Assert.That(ArchiveChain.FirstBroken(links, head), Is.EqualTo(3));
    }

    [Test]
    public void The_hash_depends_on_the_previous_hash_and_not_on_how_the_payload_text_is_laid_out()
    {
        var first = ArchiveChain.Hash([], E(1), payloadCanonical: true);

        Assert.That(ArchiveChain.Hash([], E(1, payload: """{"sourceVersion":1, "recordId":"R1"}"""), payloadCanonical: false), Is.EqualTo(first));
        Assert.That(ArchiveChain.Hash(first, E(1), payloadCanonical: true), Is.Not.EqualTo(first));
    }
}
