using CreditMesh.EventSourcing;

namespace CreditMesh.UnitTests.EventSourcing;

public sealed class EventJsonTests
{
    private sealed record CreditRecordAccepted(string RecordId, decimal FineAmount);

    [Test]
    public void An_event_type_is_stored_under_its_kebab_case_name()
    {
        Assert.That(EventJson.TypeName(typeof(CreditRecordAccepted)), Is.EqualTo("credit-record-accepted"));
    }

    [Test]
    public void Events_are_written_with_web_names_members_in_ordinal_order_and_unescaped_chinese()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new CreditRecordAccepted("罚-1", 50000.50m), EventJson.Options);
        Assert.That(json, Is.EqualTo("""{"fineAmount":50000.50,"recordId":"罚-1"}"""));
    }
}
