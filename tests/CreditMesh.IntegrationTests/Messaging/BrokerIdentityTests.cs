using CreditMesh.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditMesh.IntegrationTests.Messaging;

/// <summary>A member unit's message over AMQP; the body's claim about its unit is not to be trusted.</summary>
public sealed record UnitReport(Guid Id, string ClaimedUnit);

public sealed class BrokerIdentityTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task The_sending_unit_is_the_broker_login_never_the_unit_named_in_the_body(CancellationToken ct)
    {
        // Given member units A and B, each with its own broker login, and an intake service consuming their reports
        var broker = await Infrastructure.RabbitMq;
        var vhost = await broker.CreateVirtualHostAsync();
        foreach (var unit in new[] { "UNIT-A", "UNIT-B" })
        {
            await broker.Control("add_user", unit, $"secret-{unit}");
            await broker.Control("set_permissions", "-p", vhost, unit, ".*", ".*", ".*");
        }
        var received = new ReportLog();
        using var intake = IntakeHost(broker, vhost, received);
        await intake.StartAsync(ct);
        var unitA = await ConnectAsync(broker, vhost, "UNIT-A", ct);

        try
        {
            // When A sends a report claiming to be B, stamped with its own login: the service sees A
            var honest = new UnitReport(Guid.NewGuid(), ClaimedUnit: "UNIT-B");
            await unitA.Publish(honest, c => c.StampUserId("UNIT-A"), ct);
            Assert.That(await received.NextAsync(ct), Is.EqualTo((honest.Id, "UNIT-A")));

            // When A stamps B's name as user-id, the broker refuses the message outright (and closes that channel)
            var spoofed = new UnitReport(Guid.NewGuid(), "UNIT-B");
            var spoofer = await ConnectAsync(broker, vhost, "UNIT-A", ct);
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attempt.CancelAfter(TimeSpan.FromSeconds(5)); // the client retries a refused publish until it gives up
                Assert.CatchAsync(async () => await spoofer.Publish(spoofed, c => c.StampUserId("UNIT-B"), attempt.Token));
            }
            await spoofer.StopAsync(CancellationToken.None);

            // When a message carries no user-id at all, the service refuses it (to the error queue, no retries)
            var anonymous = new UnitReport(Guid.NewGuid(), "UNIT-B");
            await unitA.Publish(anonymous, ct);
            Assert.That(await received.NextAsync(ct), Is.EqualTo((anonymous.Id, "refused")));

            // And a later honest message still flows: neither refusal blocked the queue
            var later = new UnitReport(Guid.NewGuid(), "UNIT-A");
            await unitA.Publish(later, c => c.StampUserId("UNIT-A"), ct);
            Assert.That(await received.NextAsync(ct), Is.EqualTo((later.Id, "UNIT-A")));
            Assert.That(received.All.Select(r => r.Id), Does.Not.Contain(spoofed.Id));
            Assert.That(await broker.Control("list_queues", "-p", vhost, "name", "messages"), Does.Match(@"intake-unit-report_error\s+1"));
        }
        finally
        {
            await unitA.StopAsync(ct);
            await intake.StopAsync(ct);
        }
    }

    private static async Task<IBusControl> ConnectAsync(Testing.TestRabbitMq broker, string vhost, string user, CancellationToken ct)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.Host, (ushort)broker.Port, vhost, h =>
        {
            h.Username(user);
            h.Password($"secret-{user}");
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(ct);
        return bus;
    }

    private static IHost IntakeHost(Testing.TestRabbitMq broker, string vhost, ReportLog received)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Host"] = broker.Host,
            ["RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = vhost,
            ["RabbitMq:WaitUntilStarted"] = "true",
            ["RabbitMq:RetryLimit"] = "3",
        });
        builder.Services.AddSingleton(received);
        builder.AddMessaging("intake", bus => bus.AddConsumer<UnitReportConsumer, UnitReportConsumerDefinition>());
        return builder.Build();
    }

    public sealed class UnitReportConsumer(ReportLog log) : IConsumer<UnitReport>
    {
        public Task Consume(ConsumeContext<UnitReport> context)
        {
            try
            {
                log.Add(context.Message.Id, context.AuthenticatedUser());
            }
            catch (UnauthenticatedMessageException)
            {
                log.Add(context.Message.Id, "refused");
                throw;
            }
            return Task.CompletedTask;
        }
    }

    public sealed class UnitReportConsumerDefinition : ConsumerDefinition<UnitReportConsumer>
    {
        public UnitReportConsumerDefinition() => ConcurrentMessageLimit = 1;
    }

    public sealed class ReportLog
    {
        private readonly System.Threading.Channels.Channel<(Guid Id, string Unit)> _channel = System.Threading.Channels.Channel.CreateUnbounded<(Guid, string)>();
        private readonly System.Collections.Concurrent.ConcurrentQueue<(Guid Id, string Unit)> _all = new();

        public IReadOnlyList<(Guid Id, string Unit)> All => _all.ToList();

        public void Add(Guid id, string unit)
        {
            _all.Enqueue((id, unit));
            _channel.Writer.TryWrite((id, unit));
        }

        public async Task<(Guid, string)> NextAsync(CancellationToken ct) => await _channel.Reader.ReadAsync(ct);
    }
}
