using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Messaging;
using CreditMesh.ServiceDefaults;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.IntegrationTests.Messaging;

/// <summary>The producing side's domain event, turned into the SubjectRegistered integration event by its relay.</summary>
public sealed record SubjectEnrolled(string Code, string Name);

/// <summary>The consuming side's record that it saw a subject.</summary>
public sealed record SubjectSeen(string Code, Guid IntegrationEventId);

public sealed class SubjectEnrolledMapper : IIntegrationEventMapper
{
    public IEnumerable<IIntegrationEvent> Map(IEvent stored)
    {
        if (stored.Data is SubjectEnrolled e)
        {
            var source = SourceOf.Event(stored);
            yield return new SubjectRegistered(source.EventId, source.OccurredAt, e.Code, source.SourceStream, source.SourceVersion,
                source.CorrelationId, source.Actor, "LegalPerson", e.Name);
        }
    }
}

/// <summary>The producing side's internal event, which its relay never publishes.</summary>
public sealed record SubjectNoted(string Code, string Note);

/// <summary>A mapper that declares its internal event unpublished and remembers every event type the relay handed it.</summary>
public sealed class FilteringMapper : IIntegrationEventMapper
{
    private readonly SubjectEnrolledMapper _inner = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, int> _handed = new();

    public IReadOnlyCollection<Type> Unpublished { get; } = [typeof(SubjectNoted)];

    public IReadOnlyCollection<Type> Handed => [.. _handed.Keys];

    public IEnumerable<IIntegrationEvent> Map(IEvent stored)
    {
        _handed.TryAdd(stored.Data.GetType(), 0);
        return _inner.Map(stored);
    }
}

/// <summary>What the consumer did, for the test to observe.</summary>
public sealed class ConsumerLog
{
    private readonly object _gate = new();
    private readonly List<(string Code, bool Duplicate)> _deliveries = [];
    private readonly List<(Func<IReadOnlyList<(string Code, bool Duplicate)>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<(string Code, bool Duplicate)> Deliveries { get { lock (_gate) return _deliveries.ToList(); } }

    public void Record(string code, bool duplicate)
    {
        lock (_gate)
        {
            _deliveries.Add((code, duplicate));
            foreach (var waiter in _waiters.Where(w => w.Condition(_deliveries)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public Task WhenAsync(Func<IReadOnlyList<(string Code, bool Duplicate)>, bool> condition)
    {
        lock (_gate)
        {
            if (condition(_deliveries)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task;
        }
    }
}

/// <summary>An idempotent consumer: each event's inbox claim and effect commit together or not at all, in the envelope's order.</summary>
public sealed class SubjectArchiveConsumer(IDocumentStore store, ConsumerLog log) : IConsumer<EventBatch<SubjectRegistered>>
{
    public Task Consume(ConsumeContext<EventBatch<SubjectRegistered>> context) => context.EachAsync(async message =>
    {
        await using var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(message), context.CancellationToken);
        if (!await session.TryClaimAsync(context.InboxName(), message.EventId, context.CancellationToken))
        {
            log.Record(message.SubjectCode, duplicate: true);
            return;
        }
        session.Events.StartStream<SubjectSeen>($"seen-{message.SubjectCode}", new SubjectSeen(message.SubjectCode, message.EventId));
        await session.CommitAsync(context.CancellationToken);
        log.Record(message.SubjectCode, duplicate: false);
    });
}

/// <summary>One message at a time, so the test can check arrival order.</summary>
public sealed class SubjectArchiveConsumerDefinition : ConsumerDefinition<SubjectArchiveConsumer>
{
    public SubjectArchiveConsumerDefinition() => ConcurrentMessageLimit = 1;
}

/// <summary>Holds the Nth publish (envelope) until the host is stopped: the relay is killed between publishing and saving its checkpoint.</summary>
public sealed class StallingPublishObserver(int stallAt) : IPublishObserver
{
    private int _published;
    private int _confirmed;

    /// <summary>Events in the envelopes the broker confirmed.</summary>
    public int Confirmed => Volatile.Read(ref _confirmed);

    public async Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (Interlocked.Increment(ref _published) == stallAt)
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        Interlocked.Add(ref _confirmed, (context.Message as EventBatch<SubjectRegistered>)?.Events.Count ?? 1);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public static class RelayHosts
{
    /// <summary>A producer whose relay packs at most <paramref name="eventsPerMessage"/> events into one envelope.</summary>
    public static IHost Producer(string connectionString, Testing.TestRabbitMq broker, string virtualHost, StallingPublishObserver? observer = null,
        int eventsPerMessage = 100)
    {
        var builder = CreateBuilder("producer", connectionString, broker, virtualHost);
        builder.Configuration["OutboxRelay:EventsPerMessage"] = eventsPerMessage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddEventStore().Event<SubjectEnrolled>();
        builder.Services.AddSingleton<IIntegrationEventMapper, SubjectEnrolledMapper>();
        builder.AddMessaging("producer", bus =>
        {
            if (observer is not null) bus.AddPublishObserver(_ => observer);
        });
        return builder.Build();
    }

    /// <summary>A producer that also stores <see cref="SubjectNoted"/>, which its mapper declares unpublished.</summary>
    public static IHost FilteringProducer(string connectionString, Testing.TestRabbitMq broker, string virtualHost, FilteringMapper mapper,
        bool notifyOnAppend = true)
    {
        var builder = CreateBuilder("producer", connectionString, broker, virtualHost);
        builder.Configuration["EventStore:NotifyOnAppend"] = notifyOnAppend ? "true" : "false";
        builder.AddEventStore().Event<SubjectEnrolled>().Event<SubjectNoted>();
        builder.Services.AddSingleton<IIntegrationEventMapper>(mapper);
        builder.AddMessaging("producer");
        return builder.Build();
    }

    public static IHost Consumer(string connectionString, Testing.TestRabbitMq broker, string virtualHost, ConsumerLog log)
    {
        var builder = CreateBuilder("consumer", connectionString, broker, virtualHost);
        builder.AddEventStore().Event<SubjectSeen>();
        builder.Services.AddSingleton(log);
        builder.AddMessaging("consumer", bus => bus.AddConsumer<SubjectArchiveConsumer, SubjectArchiveConsumerDefinition>());
        return builder.Build();
    }

    /// <summary>A web host wired as every CreditMesh service is (service defaults, event store, messaging), on a free port.</summary>
    private static WebApplicationBuilder CreateBuilder(string name, string connectionString, Testing.TestRabbitMq broker, string virtualHost)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = name, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:ConnectionString"] = connectionString,
            ["RabbitMq:Host"] = broker.Host,
            ["RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = virtualHost,
            ["RabbitMq:Username"] = broker.Username,
            ["RabbitMq:Password"] = broker.Password,
            ["RabbitMq:WaitUntilStarted"] = "true",
        });
        builder.AddServiceDefaults(name);
        return builder;
    }
}
