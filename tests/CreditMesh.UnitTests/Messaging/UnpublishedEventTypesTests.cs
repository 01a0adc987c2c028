using System.Runtime.CompilerServices;
using CreditMesh.Messaging;

namespace CreditMesh.UnitTests.Messaging;

/// <summary>
/// A mapper's Unpublished types are never read by its relay, so naming a type it does publish would hold those events
/// back for good: every type a mapper calls unpublished must map to nothing.
/// </summary>
public sealed class UnpublishedEventTypesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    public static IEnumerable<IIntegrationEventMapper> Mappers() =>
    [
        new CreditMesh.Registry.Features.RegistryEventMapper(), new CreditMesh.Evaluation.Features.EvaluationEventMapper(),
        new CreditMesh.Exchange.Features.ExchangeEventMapper(), new CreditMesh.Ingestion.Features.IngestionEventMapper(),
        new CreditMesh.Lists.Features.ListsEventMapper(), new CreditMesh.Repair.Features.RepairEventMapper(),
        new CreditMesh.Matching.Features.MatchingEventMapper(),
    ];

    [TestCaseSource(nameof(Mappers))]
    public void Every_type_a_mapper_leaves_unpublished_maps_to_nothing(IIntegrationEventMapper mapper)
    {
        foreach (var type in mapper.Unpublished)
            Assert.That(mapper.Map(StoredEvents.Of("s-1", 1, RuntimeHelpers.GetUninitializedObject(type), At)), Is.Empty, type.Name);
    }

    [Test]
    public void The_registry_relay_skips_its_archive_copies_and_still_reads_its_subjects_events()
    {
        var relay = new OutboxRelay(null!, [new CreditMesh.Registry.Features.RegistryEventMapper()], Microsoft.Extensions.Options.Options.Create(new OutboxRelayOptions()));

        Assert.That(relay.Reads(typeof(CreditMesh.Registry.Domain.Archive.ArchivedEvent)), Is.False);
        Assert.That(relay.Reads(typeof(CreditMesh.Registry.Domain.SubjectRegistered)), Is.True);
        Assert.That(relay.Reads(typeof(CreditMesh.Registry.Domain.Reports.CreditReportIssued)), Is.True);
    }
}
