using System.Text.Json;
using CreditMesh.Registry.Domain.Archive;

namespace CreditMesh.UnitTests.Registry;

public sealed class ArchiveStateTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, Cst);

    private static TimelineEvent E(string type, DateTimeOffset at, object payload) =>
        new(type, at, JsonSerializer.SerializeToElement(payload, CreditMesh.EventSourcing.EventJson.Options));

    [Test]
    public void A_record_is_disclosed_from_its_first_publicity_day_until_the_day_its_publicity_ends()
    {
        var events = new[] { E("CreditRecordAccepted", At(3, 5), new { recordId = "R1", disclosed = true, publicityFrom = "2026-03-01", publicityMaxUntil = "2026-06-01" }) };

        Assert.That(ArchiveState.At(events, At(3, 4)).DisclosedRecords, Is.Empty, "not known before it was accepted");
        Assert.That(ArchiveState.At(events, At(3, 5)).DisclosedRecords, Is.EqualTo(new[] { "R1" }));
        Assert.That(ArchiveState.At(events, new DateTimeOffset(2026, 5, 31, 23, 59, 59, Cst)).DisclosedRecords, Is.EqualTo(new[] { "R1" }));
        Assert.That(ArchiveState.At(events, new DateTimeOffset(2026, 6, 1, 0, 0, 0, Cst)).DisclosedRecords, Is.Empty, "publicity ends at its maximum");
    }

    [Test]
    public void An_undisclosed_record_a_revoked_record_and_an_ended_disclosure_are_not_disclosed()
    {
        var events = new[]
        {
            E("CreditRecordAccepted", At(3, 1), new { recordId = "MINOR", disclosed = false }),
            E("CreditRecordAccepted", At(3, 1), new { recordId = "R2", disclosed = true, publicityFrom = "2026-03-01", publicityMaxUntil = "2027-03-01" }),
            E("CreditRecordAccepted", At(3, 1), new { recordId = "R3", disclosed = true, publicityFrom = "2026-03-01", publicityMaxUntil = "2027-03-01" }),
            E("CreditRecordRevoked", At(4, 1), new { recordId = "R2" }),
            E("CreditRecordDisclosureEnded", At(4, 2), new { recordId = "R3" }),
        };
        Assert.That(ArchiveState.At(events, At(3, 31)).DisclosedRecords, Is.EqualTo(new[] { "R2", "R3" }));
        Assert.That(ArchiveState.At(events, At(4, 2)).DisclosedRecords, Is.Empty);
    }

    [Test]
    public void A_list_entry_is_active_until_it_expires_or_is_removed_and_cases_stay_open_until_closed()
    {
        var events = new[]
        {
            E("ListEntryActivated", At(4, 1), new { listEntryId = "L1", validUntil = At(5, 1) }),
            E("ListEntryActivated", At(4, 1), new { listEntryId = "L2", validUntil = At(12, 1) }),
            E("ListEntryRemoved", At(4, 20), new { listEntryId = "L2" }),
            E("RepairApplied", At(4, 2), new { repairId = "P1" }),
            E("ObjectionOpened", At(4, 3), new { objectionId = "O1" }),
            E("RepairDecided", At(4, 10), new { repairId = "P1" }),
            E("ObjectionResolved", At(4, 11), new { objectionId = "O1" }),
        };
        var early = ArchiveState.At(events, At(4, 5));
        Assert.That((early.ActiveListEntries, early.OpenRepairs, early.OpenObjections),
            Is.EqualTo((new[] { "L1", "L2" }, new[] { "P1" }, new[] { "O1" })));
        var later = ArchiveState.At(events, At(4, 25));
        Assert.That((later.ActiveListEntries, later.OpenRepairs, later.OpenObjections), Is.EqualTo((new[] { "L1" }, Array.Empty<string>(), Array.Empty<string>())));
        Assert.That(ArchiveState.At(events, At(5, 1)).ActiveListEntries, Is.Empty, "expiry is exact, with no job needed");
    }
}
