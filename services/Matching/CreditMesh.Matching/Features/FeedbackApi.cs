using System.ComponentModel.DataAnnotations;
using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;

namespace CreditMesh.Matching.Features;

/// <summary>POST /api/v1/match/{matchId}/feedback: the approver that asked reports what it applied (发起-响应-反馈, DESIGN §4.4).</summary>
public static class FeedbackApi
{
    /// <summary>A match names a few dozen measures at most; feedback lists each once.</summary>
    public const int MaxMeasures = 100;

    public sealed record FeedbackRequest([property: MaxLength(TextLimits.Identifier)] string? Outcome,
        [property: MaxLength(MaxMeasures)] IReadOnlyList<string?>? Applied, [property: MaxLength(MaxMeasures)] IReadOnlyList<NotAppliedInput?>? NotApplied);
    public sealed record FeedbackResponse(string MatchId, string Outcome, long Version);

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/match/{matchId}/feedback", ReportAsync).RequireRoles(Roles.Approver).WithAccessLog("match-feedback", "matchId").WithTags("Match");
        return app;
    }

    private static async Task<IResult> ReportAsync(string matchId, FeedbackRequest body, HttpContext http, EventStore store, TimeProvider time,
        CancellationToken ct)
    {
        var streamId = MatchLog.StreamId(matchId);
        var events = await store.FetchStreamAsync(streamId, ct: ct);
        if (events.Count == 0)
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Match not found", Detail = $"No match {matchId}." });
        var match = events.Skip(1).Aggregate(MatchState.Create(events[0].Data), (state, e) => state.Apply(e.Data));
        var caller = Caller.From(http.User);
        var decision = FeedbackDecider.Handle(match, new FeedbackCommand(caller.Unit, caller.User, body.Outcome, body.Applied, body.NotApplied, time.GetUtcNow()));
        switch (decision)
        {
            case FeedbackDecision.NotTheAsker:
                return AuthenticationSetup.ForbiddenObject("Only the approval system (unit and user) that asked for a match reports its feedback.");
            case FeedbackDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors);
            case FeedbackDecision.AlreadyReported:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Feedback for match {matchId} was already reported.");
            case FeedbackDecision.Repeated repeated:
                return TypedResults.Ok(new FeedbackResponse(matchId, repeated.Event.Outcome, events.Count));
            case FeedbackDecision.Accepted accepted:
                await using (var session = store.OpenSession(http.ToEventMetadata()))
                {
                    // Expected version: a concurrent second feedback loses with 409 (ConcurrencyException → ProblemMapping).
                    session.Events.Append(streamId, events.Count, accepted.Event);
                    await session.SaveChangesAsync(ct);
                }
                return TypedResults.Ok(new FeedbackResponse(matchId, accepted.Event.Outcome, events.Count + 1));
            default:
                throw new InvalidOperationException($"Unhandled feedback decision {decision}");
        }
    }
}
