using CreditMesh.EventSourcing;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;
using CreditMesh.Evaluation.Projections;
using Marten;

namespace CreditMesh.Evaluation.Features;

/// <summary>A fact learned about a subject from an integration event (its id for the inbox), or, without a fact, a call to look again.</summary>
public sealed record Arrival(Guid MessageId, string SubjectCode, object? Fact);

/// <summary>
/// The evaluation service's write path: facts in, evaluations out, for a batch of subjects in one transaction. Per-subject
/// advisory locks (taken in one order, so two batches cannot deadlock) serialize everything about a subject; then the inbox
/// claims, the new facts appended to each subject's facts stream, the evaluation now under the model in force, a
/// SubjectEvaluated on the subject's evaluation stream when score, grade, model version or caps changed, and the subject's next
/// review time all commit together or not at all.
/// </summary>
public sealed class SubjectEvaluations(IDocumentStore store, EvaluationModel model, TimeProvider time)
{
    public EvaluationModel Model => model;

    public async Task RecordAsync(IReadOnlyList<Arrival> arrivals, EventMetadata metadata, string? inbox, CancellationToken ct)
    {
        if (arrivals.Count == 0) return;
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        var subjects = arrivals.Select(a => a.SubjectCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await session.ExecuteSqlAsync(
            "select pg_advisory_xact_lock(h) from (select distinct hashtextextended(s, 1707) h from unnest($1::text[]) s order by 1) l", ct, (object)subjects);
        var claimed = inbox is null ? null : await session.ClaimAsync(inbox, arrivals.Select(a => a.MessageId).ToList(), ct);
        var fresh = arrivals.Where(a => claimed is null || claimed.Contains(a.MessageId)).ToList();
        if (fresh.Count == 0) return; // every message was handled before: nothing to do, nothing to commit
        subjects = fresh.Select(a => a.SubjectCode).Distinct(StringComparer.Ordinal).ToArray();
        var facts = await session.LoadStreamsAsync<SubjectFacts>(subjects.Select(EvaluationStreams.Facts).ToArray(), ct);
        var published = await CurrentEvaluations.OfAsync(session, subjects, ct);
        var now = time.GetUtcNow();
        var inForce = model.At(now);
        var reviews = new List<(string, DateTimeOffset?)>();
        foreach (var subject in fresh.GroupBy(a => a.SubjectCode, StringComparer.Ordinal))
        {
            var (state, version) = facts[EvaluationStreams.Facts(subject.Key)];
            var learned = subject.Select(a => a.Fact).OfType<object>().ToArray();
            if (learned.Length > 0)
            {
                session.AppendAt<SubjectFacts>(EvaluationStreams.Facts(subject.Key), version, learned);
                state = learned.Aggregate(state, (s, e) => s is null ? SubjectFacts.Create(e) : s.Apply(e));
            }
            if (state is not { Known: true })
            {
                reviews.Add((subject.Key, null)); // an objection or repair about a subject nothing else is known of: nothing to evaluate
                continue;
            }
            if (inForce is not null)
            {
                var last = published.GetValueOrDefault(subject.Key);
                if (EvaluationDecider.Publish(last, Evaluator.Evaluate(state, inForce, now)) is { } changed)
                    session.AppendAt<PublishedEvaluation>(EvaluationStreams.Evaluation(subject.Key), last?.Version ?? 0, changed);
            }
            reviews.Add((subject.Key, Evaluator.NextReview(state, model, now)));
        }
        CurrentEvaluations.QueueReviews(session, reviews);
        await session.CommitAsync(ct);
    }

    /// <summary>The subject's facts as known at the instant (time travel on its facts stream); null when it was not known then.</summary>
    public async Task<SubjectFacts?> FactsAsync(string subjectCode, DateTimeOffset at, CancellationToken ct)
    {
        var (facts, _) = await store.LoadAsync<SubjectFacts>(EvaluationStreams.Facts(subjectCode), ct, asOf: at);
        return facts is { Known: true } ? facts : null;
    }
}
