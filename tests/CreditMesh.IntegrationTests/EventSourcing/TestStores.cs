using CreditMesh.EventSourcing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

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

/// <summary>A host wired as a service wires its event store (AddEventStore), on a database of its own.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(IHost host) => Host = host;

    public IHost Host { get; }
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    public NpgsqlDataSource DataSource => Host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<TestStore> StartAsync(string? connectionString = null, TimeProvider? time = null,
        Action<EventStoreBuilder>? configure = null)
    {
        connectionString ??= await Infrastructure.Postgres.CreateDatabaseAsync("es");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:ConnectionString"] = connectionString });
        if (time is not null) builder.Services.AddSingleton(time);
        var events = builder.AddEventStore().Event<RecordFiled>().Event<RecordAmended>().Event<RecordRevoked>();
        configure?.Invoke(events);
        var host = builder.Build();
        await host.StartAsync();
        return new TestStore(host);
    }

    public static RecordFiled Filed(string id, decimal fine = 100m) => new(id, "9144030071526726XG", "虚假宣传 " + id, fine);

    public async Task WriteAsync(Action<IDocumentSession> write, EventMetadata? metadata = null)
    {
        await using var session = await Store.OpenWriteSessionAsync(metadata ?? EventMetadata.None, CancellationToken.None);
        write(session);
        await session.SaveChangesAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
