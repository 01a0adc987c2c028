using System.ComponentModel.DataAnnotations;
using CreditMesh.ServiceDefaults.Json;

namespace CreditMesh.Matching.Domain.Matches;

/// <summary>Feedback as the approval system sends it (fields may be missing; the decider names each fault).</summary>
public sealed record FeedbackCommand(string? Unit, string? User, string? Outcome, IReadOnlyList<string?>? Applied,
    IReadOnlyList<NotAppliedInput?>? NotApplied, DateTimeOffset At);

public sealed record NotAppliedInput([property: MaxLength(TextLimits.Identifier)] string? Code, [property: MaxLength(TextLimits.Reason)] string? Reason);

public abstract record FeedbackDecision
{
    public sealed record Accepted(FeedbackReported Event) : FeedbackDecision;
    public sealed record NotTheAsker : FeedbackDecision;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : FeedbackDecision;
    public sealed record AlreadyReported : FeedbackDecision;
    /// <summary>The same feedback again (a retry after a lost answer): answered as before, nothing stored.</summary>
    public sealed record Repeated(FeedbackReported Event) : FeedbackDecision;
}

/// <summary>
/// 发起-响应-反馈: only the approver that asked reports, once, and accounts for every hit measure — applied, or not
/// applied with a reason (no silent skipping, DESIGN §4.4).
/// </summary>
public static class FeedbackDecider
{
    public static readonly string[] Outcomes = ["Granted", "Denied", "Conditional"];

    public static FeedbackDecision Handle(MatchState match, FeedbackCommand command)
    {
        if (match.Unit is null || match.Unit != command.Unit || match.User != command.User) return new FeedbackDecision.NotTheAsker();
        var errors = new Dictionary<string, string[]>();
        if (command.Outcome is null || !Outcomes.Contains(command.Outcome))
            errors["outcome"] = [$"outcome must be one of {string.Join(", ", Outcomes)}."];
        var applied = command.Applied ?? [];
        var notApplied = command.NotApplied ?? [];
        for (var i = 0; i < applied.Count; i++)
            if (applied[i] is not { } code || !match.HitMeasureCodes.Contains(code))
                errors[$"applied[{i}]"] = [$"{applied[i] ?? "null"} is not a measure this match hit."];
        for (var i = 0; i < notApplied.Count; i++)
        {
            if (notApplied[i]?.Code is not { } code || !match.HitMeasureCodes.Contains(code))
                errors[$"notApplied[{i}].code"] = [$"{notApplied[i]?.Code ?? "null"} is not a measure this match hit."];
            if (string.IsNullOrWhiteSpace(notApplied[i]?.Reason))
                errors[$"notApplied[{i}].reason"] = ["A measure not applied needs the reason it was not applied."];
        }
        var reported = applied.Concat(notApplied.Select(n => n?.Code)).ToList();
        var missing = match.HitMeasureCodes.Where(c => !reported.Contains(c)).ToList();
        if (missing.Count > 0) errors["notApplied"] = [$"Every hit measure must be reported applied or not applied: {string.Join(", ", missing)} missing."];
        var twice = reported.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0) errors["applied"] = [$"Reported more than once: {string.Join(", ", twice)}."];
        if (errors.Count > 0) return new FeedbackDecision.Invalid(errors);
        var feedback = new FeedbackReported(match.MatchId, match.SubjectCode, command.Outcome!, applied.Select(a => a!).ToList(),
            notApplied.Select(n => new NotApplied(n!.Code!, n.Reason!.Trim())).ToList(), command.At, command.Unit, command.User);
        if (match.Feedback is not { } earlier) return new FeedbackDecision.Accepted(feedback);
        var same = earlier.Outcome == feedback.Outcome && earlier.Applied.SequenceEqual(feedback.Applied) && earlier.NotApplied.SequenceEqual(feedback.NotApplied);
        return same ? new FeedbackDecision.Repeated(earlier) : new FeedbackDecision.AlreadyReported();
    }
}
