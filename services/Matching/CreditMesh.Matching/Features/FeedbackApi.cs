using CreditMesh.Contracts.Vocabulary;
using System.ComponentModel.DataAnnotations;
using CreditMesh.EventSourcing;
using CreditMesh.EventSourcing.Http;
using Marten;
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

    private static async Task<IResult> ReportAsync(string matchId, FeedbackRequest body, HttpContext http, IDocumentStore store, TimeProvider time,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var command = new FeedbackCommand(caller.Unit, caller.User, body.Outcome, body.Applied, body.NotApplied, time.GetUtcNow());
        FeedbackDecision? decision = null;
        // Two feedbacks at once: the loser decides again on the first one's result (Repeated or AlreadyReported).
        var written = await store.DecideAsync<MatchState>(MatchLog.StreamId(matchId), match =>
        {
            decision = match is null ? null : FeedbackDecider.Handle(match, command);
            return decision is FeedbackDecision.Accepted accepted ? EventSourcing.Decision.Of(accepted.Event) : new EventSourcing.Decision.Unchanged();
        }, http.ToEventMetadata(), ct);
        var version = written.Version;
        switch (decision)
        {
            case FeedbackDecision.NotTheAsker:
                return AuthenticationSetup.ForbiddenObject("Only the approval system (unit and user) that asked for a match reports its feedback.");
            case FeedbackDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors);
            case FeedbackDecision.AlreadyReported:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Feedback for match {matchId} was already reported.");
            case FeedbackDecision.Repeated repeated:
                return TypedResults.Ok(new FeedbackResponse(matchId, repeated.Event.Outcome, version));
            case FeedbackDecision.Accepted accepted:
                return TypedResults.Ok(new FeedbackResponse(matchId, accepted.Event.Outcome, version));
            case null:
                return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Match not found", Detail = $"No match {matchId}." });
            default:
                throw new InvalidOperationException($"Unhandled feedback decision {decision}");
        }
    }
}
