using System.ComponentModel.DataAnnotations;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Deliveries;
using CreditMesh.Exchange.Domain.Subscriptions;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// 信息推送 subscriptions (DESIGN §4.10, §5.2): approval systems, member units, the exchange client and the credit centre manage
/// their own — create (the signing secret is in this answer only), list, read, cancel — and read each one's delivery log.
/// </summary>
public static class SubscriptionsApi
{
    public sealed record SubscriptionRequest([property: MaxLength(CallbackPolicy.MaxLength)] string? CallbackUrl,
        [property: MaxLength(10)] IReadOnlyList<string?>? Events,
        [property: MaxLength(SubscriptionTerms.MaxSubjectCodes)] IReadOnlyList<string?>? SubjectCodes,
        [property: MaxLength(10)] IReadOnlyList<string?>? ListTypes);
    public sealed record Created(string SubscriptionId, string Secret, string CallbackUrl, IReadOnlyList<string> Events,
        IReadOnlyList<string>? SubjectCodes, IReadOnlyList<string>? ListTypes, string Status, DateTimeOffset CreatedAt);
    public sealed record View(string SubscriptionId, string CallbackUrl, IReadOnlyList<string> Events, IReadOnlyList<string>? SubjectCodes,
        IReadOnlyList<string>? ListTypes, int SubjectCodeCount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);
    public sealed record Summary(string SubscriptionId, string CallbackUrl, IReadOnlyList<string> Events, IReadOnlyList<string>? ListTypes,
        int SubjectCodeCount, string Status, DateTimeOffset CreatedAt);
    public sealed record Collection<T>(IReadOnlyList<T> Items);
    public sealed record DeliveryPage(IReadOnlyList<DeliveryLogItem> Items,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Next);

    private static readonly string[] Subscribers = [Roles.Approver, Roles.MemberUnit, Roles.Exchange, Roles.CreditCenter];

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/v1/subscriptions").WithTags("Subscriptions").RequireRoles(Subscribers);
        subscriptions.MapPost("/", CreateAsync);
        subscriptions.MapGet("/", ListAsync);
        subscriptions.MapGet("/{id}", GetAsync);
        subscriptions.MapDelete("/{id}", CancelAsync);
        subscriptions.MapGet("/{id}/deliveries", DeliveriesAsync);
        return app;
    }

    private static async Task<Results<Created<Created>, Ok<Created>, ValidationProblem, ProblemHttpResult>> CreateAsync(SubscriptionRequest? body,
        HttpContext http, IDocumentStore store, IOptions<ExchangeOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A JSON body is required."] });
        var (terms, errors) = SubscriptionTerms.Check(body.CallbackUrl, body.Events, body.SubjectCodes is { Count: 0 } ? null : body.SubjectCodes,
            body.ListTypes is { Count: 0 } ? null : body.ListTypes, new CallbackPolicy(options.Value.AllowedHosts));
        if (terms is null) return TypedResults.ValidationProblem(errors);
        var caller = Caller.From(http.User);
        var id = IdFor(http);
        var created = new SubscriptionCreated(id, caller.Role!, caller.Unit, terms.CallbackUrl, terms.Events, terms.SubjectCodes, terms.ListTypes,
            time.GetUtcNow());
        var written = await store.DecideAsync<Subscription>(Subscription.StreamId(id), current => current is null ? Decision.Of(created)
            : Same(current, created) ? new Decision.Unchanged()
            : Decision.Conflict("Idempotency-Key", "This Idempotency-Key was used for another subscription."), http.ToEventMetadata(), ct);
        if (written.Decision is Decision.Rejected rejected) return rejected.Why.Problem();
        var s = written.State!;
        // A repeat of the same request (same Idempotency-Key) answers as the first did: the client may never have seen that answer.
        var answer = new Created(s.SubscriptionId, WebhookSecurity.SecretFor(options.Value.SecretKey, s.SubscriptionId), s.CallbackUrl, s.Events,
            s.SubjectCodes, s.ListTypes, s.Status.ToString(), s.CreatedAt);
        return written.Created ? TypedResults.Created($"/api/v1/subscriptions/{id}", answer) : TypedResults.Ok(answer);
    }

    private static bool Same(Subscription s, SubscriptionCreated c) =>
        s.IsOwnedBy(c.OwnerRole, c.OwnerUnit) && s.CallbackUrl == c.CallbackUrl && s.Events.SequenceEqual(c.Events)
        && (s.SubjectCodes ?? []).SequenceEqual(c.SubjectCodes ?? []) && (s.ListTypes ?? []).SequenceEqual(c.ListTypes ?? []);

    /// <summary>A subscription id from the caller and its Idempotency-Key, so a repeated create names the same subscription; else a new one.</summary>
    private static string IdFor(HttpContext http)
    {
        if (http.Request.Headers["Idempotency-Key"].FirstOrDefault() is not { Length: > 0 } key) return Guid.CreateVersion7().ToString("N");
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Caller.From(http.User)}\nsubscription\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static async Task<Ok<Collection<Summary>>> ListAsync(HttpContext http, Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        await using var command = dataSource.CreateCommand("""
            select subscription_id, callback_url, events, list_types, subject_count, status, created_at from subscriptions
            where owner_role = $1 and owner_unit is not distinct from $2 order by created_at desc, subscription_id limit 1000
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = caller.Role! });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)caller.Unit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var items = new List<Summary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new Summary(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3), reader.GetInt32(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        return TypedResults.Ok(new Collection<Summary>(items));
    }

    private static async Task<Results<Ok<View>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IDocumentStore store,
        CancellationToken ct)
    {
        var (s, version) = await store.LoadAsync<Subscription>(Subscription.StreamId(id), ct);
        if (s is null) return NotFound(id);
        if (!Owns(s, http)) return Forbidden();
        http.Response.SetVersion(version);
        return TypedResults.Ok(new View(s!.SubscriptionId, s.CallbackUrl, s.Events, s.SubjectCodes, s.ListTypes, s.SubjectCodes?.Count ?? 0,
            s.Status.ToString(), s.CreatedAt, s.CancelledAt));
    }

    /// <summary>Cancelling is idempotent (204 again); the pending deliveries are closed as Failed in the same transaction.</summary>
    private static async Task<Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult>> CancelAsync(string id, HttpContext http,
        IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var (s, _) = await store.LoadAsync<Subscription>(Subscription.StreamId(id), ct);
        if (s is null) return NotFound(id);
        if (!Owns(s, http)) return Forbidden();
        await using var session = await store.OpenWriteSessionAsync(http.ToEventMetadata(), ct);
        await session.DecideAsync<Subscription>(Subscription.StreamId(id), current => Subscription.Cancel(current!, time.GetUtcNow()), ct);
        session.QueueSql(DeliveryLog.CloseCancelled, id);
        await session.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DeliveryPage>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> DeliveriesAsync(string id,
        long? before, int? limit, HttpContext http, IDocumentStore store, DeliveryLog log, CancellationToken ct)
    {
        if (limit is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 to 1000."] });
        var (s, _) = await store.LoadAsync<Subscription>(Subscription.StreamId(id), ct);
        if (s is null) return NotFound(id);
        if (!Owns(s, http)) return Forbidden();
        var (items, next) = await log.PageAsync(id, before, limit ?? 100, ct);
        return TypedResults.Ok(new DeliveryPage(items, next?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Unknown → 404; another owner's → 403 (DESIGN §7: per object, not only per route).</summary>
    private static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Subscription not found", Detail = $"No subscription {id}." });

    private static bool Owns(Subscription s, HttpContext http) => Caller.From(http.User) is var caller && s.IsOwnedBy(caller.Role, caller.Unit);

    private static ProblemHttpResult Forbidden() =>
        (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subscription is managed and read only by its owner (the role and unit that created it).");
}
