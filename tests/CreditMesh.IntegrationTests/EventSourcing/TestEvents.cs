using CreditMesh.EventSourcing;

namespace CreditMesh.IntegrationTests.EventSourcing;

// A small credit-record-like domain for exercising the store itself.
public sealed record RecordFiled(string RecordId, string SubjectCode, string Title, decimal FineAmount);
public sealed record RecordAmended(string RecordId, string Title, decimal FineAmount);
public sealed record RecordRevoked(string RecordId, string Reason);

public sealed record FiledRecord(string RecordId, string SubjectCode, string Title, decimal FineAmount, int Amendments, bool Revoked)
    : IAggregate<FiledRecord>
{
    public static FiledRecord Create(object firstEvent) => firstEvent switch
    {
        RecordFiled e => new FiledRecord(e.RecordId, e.SubjectCode, e.Title, e.FineAmount, 0, false),
        _ => throw new InvalidOperationException($"A record stream cannot start with {firstEvent.GetType().Name}."),
    };

    public FiledRecord Apply(object @event) => @event switch
    {
        RecordAmended e => this with { Title = e.Title, FineAmount = e.FineAmount, Amendments = Amendments + 1 },
        RecordRevoked => this with { Revoked = true },
        _ => this,
    };
}

public static class TestStores
{
    public static EventSerializer Serializer() =>
        new EventSerializer().Register<RecordFiled>().Register<RecordAmended>().Register<RecordRevoked>();

    public static async Task<EventStore> CreateAsync(TimeProvider? time = null, params IProjection[] inline)
    {
        var connectionString = await Infrastructure.Postgres.CreateDatabaseAsync("es");
        var store = new EventStore(
            new Npgsql.NpgsqlDataSourceBuilder(connectionString).Build(), Serializer(), time ?? TimeProvider.System, inline);
        await store.InitializeAsync();
        return store;
    }

    public static RecordFiled Filed(string id, decimal fine = 100m) => new(id, "9144030071526726XG", "虚假宣传 " + id, fine);
}
