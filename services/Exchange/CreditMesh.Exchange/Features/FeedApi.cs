using System.Globalization;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Exchange.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// GET /api/v1/exchange/feed?after=&amp;limit= (DESIGN §4.10, §5.2): the outgoing change feed for the national platform's client and
/// the credit centre — ordered by sequence, gap-free, resumable from any sequence (<c>after</c>, 0 = from the start), at most 1,000
/// items a page. Expiries that are due are written before the page is read, so the feed read at an instant already withdraws every
/// item whose window closed before it, whether or not its owner has said so yet.
/// </summary>
public static class FeedApi
{
    public const int MaxPage = 1000, DefaultPage = 100;

    /// <summary>DESIGN §5: paged collections always carry <c>next</c>, null on the last page.</summary>
    public sealed record FeedPage(IReadOnlyList<FeedItem> Items,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Next, long Head);

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/exchange/feed", ReadAsync).RequireRoles(Roles.Exchange, Roles.CreditCenter).WithAccessLog("exchange-feed", "after")
            .WithTags("Exchange");
        return app;
    }

    private static async Task<Results<Ok<FeedPage>, ValidationProblem>> ReadAsync(long? after, int? limit, FeedQueries feed, SharingLedger ledger,
        NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (after < 0) errors["after"] = ["after must be a feed sequence, 0 or more (0 reads from the start)."];
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"limit must be 1 to {MaxPage}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await ItemStore.AnyDueAsync(dataSource, time.GetUtcNow(), ct)) await ledger.ExpireDueAsync(ct);
        var (items, head) = await feed.PageAsync(after ?? 0, limit ?? DefaultPage, ct);
        var last = items.Count > 0 ? items[^1].Sequence : after ?? 0;
        return TypedResults.Ok(new FeedPage(items, last < head ? last.ToString(CultureInfo.InvariantCulture) : null, head));
    }
}
