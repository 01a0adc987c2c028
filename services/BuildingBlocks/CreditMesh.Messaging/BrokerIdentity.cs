using MassTransit;

namespace CreditMesh.Messaging;

/// <summary>
/// Who sent a message over RabbitMQ. Each member unit logs in to the broker with its own user (named
/// after its unit code) and stamps that name into the AMQP user-id property; RabbitMQ refuses a message
/// whose user-id is not the authenticated login, so the property is proof of origin. The unit named in
/// a message body is never trusted on its own (DESIGN §5, §7).
/// </summary>
public static class BrokerIdentity
{
    /// <summary>The broker-validated sender, or <see cref="UnauthenticatedMessageException"/> (no retries; error queue).</summary>
    public static string AuthenticatedUser(this ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) && rabbit.Properties.UserId is { Length: > 0 } user
            ? user
            : throw new UnauthenticatedMessageException(
                "The message carries no broker-validated user-id: member units must send with their own broker login and set user-id to it.");

    /// <summary>Stamps the sender's broker login into the message (what a member unit's client does on every send).</summary>
    public static void StampUserId(this SendContext context, string brokerUser)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit)) rabbit.BasicProperties.UserId = brokerUser;
    }
}

/// <summary>A message whose sender the broker did not vouch for; never retried.</summary>
public sealed class UnauthenticatedMessageException(string message) : Exception(message);
