using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Exchange.Domain.Receipts;
using CreditMesh.Exchange.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// POST /api/v1/exchange/receipts (the exchange client acknowledges what it stored: every item up to <c>upTo</c>) and
/// GET /api/v1/exchange/status (the credit centre and auditors: head, acknowledged, pending). Acknowledged items stay in the feed.
/// </summary>
public static class ReceiptsApi
{
    public sealed record ReceiptRequest(long? UpTo);
    public sealed record Position(long Head, long Acknowledged, long Pending);
    public sealed record Status(long Head, long Acknowledged, long Pending, IReadOnlyList<ClientPosition> Clients);

    public static IEndpointRouteBuilder MapReceiptsApi(this IEndpointRouteBuilder app)
    {
        var exchange = app.MapGroup("/api/v1/exchange").WithTags("Exchange");
        exchange.MapPost("/receipts", AcknowledgeAsync).RequireRoles(Roles.Exchange).WithAccessLog("exchange-receipt");
        exchange.MapGet("/status", StatusAsync).RequireRoles(Roles.CreditCenter, Roles.Auditor);
        return app;
    }

    private static async Task<Results<Ok<Position>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(ReceiptRequest? body, HttpContext http,
        IDocumentStore store, FeedQueries feed, TimeProvider time, CancellationToken ct)
    {
        if (body?.UpTo is not { } upTo)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["upTo"] = ["upTo is required: the last feed sequence you stored."] });
        var unit = Caller.From(http.User).Unit!;
        var head = await feed.HeadAsync(ct);
        var written = await store.DecideAsync<FeedReceipts>(FeedReceipts.StreamId(unit),
            current => FeedReceipts.Acknowledge(current, unit, upTo, head, time.GetUtcNow()), http.ToEventMetadata(), ct);
        if (written.Decision is Decision.Rejected rejected) return rejected.Why.Problem();
        var acknowledged = written.State?.UpTo ?? 0;
        return TypedResults.Ok(new Position(head, acknowledged, head - acknowledged));
    }

    /// <summary>The acknowledged position of the platform is the lowest of its clients' (none yet: 0): what every client has stored.</summary>
    private static async Task<Ok<Status>> StatusAsync(FeedQueries feed, CancellationToken ct)
    {
        var head = await feed.HeadAsync(ct);
        var clients = await feed.ClientsAsync(head, ct);
        var acknowledged = clients.Count == 0 ? 0 : clients.Min(c => c.Acknowledged);
        return TypedResults.Ok(new Status(head, acknowledged, head - acknowledged, clients));
    }
}
