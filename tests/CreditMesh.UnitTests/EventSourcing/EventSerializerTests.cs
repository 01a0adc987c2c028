using CreditMesh.EventSourcing;

namespace CreditMesh.UnitTests.EventSourcing;

public sealed class EventSerializerTests
{
    private sealed record CreditRecordAccepted(string RecordId, decimal FineAmount);
    private sealed record Other(string X);

    [Test]
    public void An_event_type_is_stored_under_its_kebab_case_name_and_reads_back_equal()
    {
        var serializer = new EventSerializer().Register<CreditRecordAccepted>();
        var e = new CreditRecordAccepted("rec-1", 50000.50m);

        Assert.That(serializer.NameOf(typeof(CreditRecordAccepted)), Is.EqualTo("credit-record-accepted"));
        Assert.That(serializer.Deserialize("credit-record-accepted", serializer.Serialize(e)), Is.EqualTo(e));
    }

    [Test]
    public void An_unknown_stored_type_reads_back_as_raw_json_rather_than_failing()
    {
        var read = new EventSerializer().Deserialize("retired-event", """{"a":1}""");
        Assert.That(read, Is.EqualTo(new UnknownEvent("retired-event", """{"a":1}""")));
    }

    [Test]
    public void Two_types_cannot_share_a_stored_name_and_an_unregistered_type_cannot_be_written()
    {
        var serializer = new EventSerializer().Register<CreditRecordAccepted>("accepted");
        Assert.Throws<InvalidOperationException>(() => serializer.Register<Other>("accepted"));
        Assert.Throws<InvalidOperationException>(() => serializer.NameOf(typeof(Other)));
    }

    [Test]
    public void Checkpoints_order_by_transaction_first_then_sequence()
    {
        var earlierTransactionLaterSeq = new Checkpoint(TxId: 100, Seq: 50);
        var laterTransactionEarlierSeq = new Checkpoint(TxId: 101, Seq: 40);
        Assert.That(earlierTransactionLaterSeq.CompareTo(laterTransactionEarlierSeq), Is.LessThan(0));
        Assert.That(new Checkpoint(100, 41).CompareTo(new Checkpoint(100, 40)), Is.GreaterThan(0));
    }
}
