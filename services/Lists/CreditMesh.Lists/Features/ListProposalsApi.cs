using CreditMesh.Contracts.Vocabulary;
using CreditMesh.EventSourcing.Http;
using CreditMesh.Calendar;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CreditMesh.EventSourcing;
using CreditMesh.Identifiers;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Projections;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CreditMesh.Lists.Features;

/// <summary>
/// POST /api/v1/list-entries and /{id}/removal: a member unit determines entries in its own field — on its
/// own records of the subject — and only the determining unit withdraws them (谁认定、谁负责).
/// </summary>
public static class ListProposalsApi
{
    /// <summary>A determination rests on a unit's own decisions about one subject; a hundred is already a long history.</summary>
    public const int MaxBasisRecords = 100;

    public sealed record ProposalRequest([property: MaxLength(TextLimits.Identifier)] string? ListType,
        [property: MaxLength(TextLimits.Identifier)] string? SubjectCode, [property: MaxLength(MaxBasisRecords)] IReadOnlyList<string?>? BasisRecordIds,
        [property: MaxLength(TextLimits.Reason)] string? Reason, [property: MaxLength(TextLimits.Identifier)] string? ValidUntil);
    public sealed record RemovalRequest([property: MaxLength(TextLimits.Reason)] string? Reason);

    public static IEndpointRouteBuilder MapListProposalsApi(this IEndpointRouteBuilder app)
    {
        var entries = app.MapGroup("/api/v1/list-entries").WithTags("List entries");
        entries.MapPost("/", ProposeAsync).RequireRoles(Roles.MemberUnit);
        entries.MapPost("/{id}/removal", WithdrawAsync).RequireRoles(Roles.MemberUnit);
        return app;
    }

    private sealed record Proposal(ListType ListType, string SubjectCode, IReadOnlyList<string> Basis, string Reason, DateOnly? ValidUntil);

    private static async Task<Results<Created<ListEntryResponse>, Ok<ListEntryResponse>, ValidationProblem, ProblemHttpResult>> ProposeAsync(
        ProposalRequest body, HttpContext http, SubjectLists lists, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        var unit = Caller.From(http.User).Unit!;
        var (proposal, errors, foreignBasis) = await ValidateAsync(body, unit, dataSource, ChinaTime.DayOf(time.GetUtcNow()), ct);
        if (proposal is null) return TypedResults.ValidationProblem(errors);
        if (foreignBasis) return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A unit determines entries only in its own field: on records it submitted.");
        var (listType, subject, basis, reason, validUntil) = proposal;
        var id = ListEntryIds.For(listType, subject, basis);
        var changes = await lists.DecideAsync(subject, http.ToEventMetadata(), null, null,
            (facts, now) => lists.Decider.ProposeManually(facts, unit, listType, basis, reason, validUntil, now), ct);
        var (state, version) = await lists.LoadAsync(id, ct);
        var response = ListEntryResponse.From(state!.AsSeenAt(time.GetUtcNow()), version);
        http.Response.SetVersion(version);
        return changes!.Any(c => c.ListEntryId == id && c.ExpectedVersion == 0)
            ? TypedResults.Created($"/api/v1/list-entries/{id}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>
    /// Every field checked at once; the basis must be records this service knows, of this subject. A basis
    /// record of another unit is not a bad field but another unit's object (403, DESIGN §7).
    /// </summary>
    private static async Task<(Proposal? Proposal, Dictionary<string, string[]> Errors, bool ForeignBasis)> ValidateAsync(
        ProposalRequest body, string unit, NpgsqlDataSource dataSource, DateOnly today, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ListType listType = default;
        if (body.ListType is null || !Enum.TryParse(body.ListType, ignoreCase: false, out listType) || !Enum.IsDefined(listType))
            errors["listType"] = [$"listType must be one of {string.Join(", ", Enum.GetNames<ListType>())}."];
        var check = SubjectCode.ValidateAnyKind(body.SubjectCode);
        if (!check.IsValid) errors["subjectCode"] = [check.Error!];
        var subject = check.IsValid ? check.Normalized : null;
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["reason is required: say why the subject belongs on the list."];
        DateOnly? validUntil = null;
        if (body.ValidUntil is not null)
        {
            if (!DateOnly.TryParseExact(body.ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                errors["validUntil"] = ["validUntil must be a date as YYYY-MM-DD."];
            else if (d < today) errors["validUntil"] = ["validUntil must not be in the past."];
            else validUntil = d;
        }
        var ids = (body.BasisRecordIds ?? []).Select(i => i?.Trim() ?? "").ToList();
        if (ids.Count == 0) errors["basisRecordIds"] = ["basisRecordIds must name at least one record."];
        var known = (await KnownRecords.FindAsync(dataSource, ids, ct)).ToDictionary(r => r.RecordId);
        for (var i = 0; i < ids.Count; i++)
        {
            var error = !known.TryGetValue(ids[i], out var record) || !record.Counts ? "No accepted, unrevoked record with this id is known."
                : record.SubjectCode != subject ? "The record is about another subject."
                : ids.IndexOf(ids[i]) != i ? "The record is named twice." : null;
            if (error is not null) errors[$"basisRecordIds[{i}]"] = [error];
        }
        var foreign = ids.Any(id => known.TryGetValue(id, out var r) && r.SourceUnit != unit);
        return errors.Count > 0 ? (null, errors, foreign) : (new Proposal(listType, subject!, ids, body.Reason!.Trim(), validUntil), errors, foreign);
    }

    private static async Task<Results<Ok<ListEntryResponse>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> WithdrawAsync(
        string id, RemovalRequest body, HttpContext http, SubjectLists lists, TimeProvider time, CancellationToken ct)
    {
        var (state, version) = await lists.LoadAsync(id, ct);
        if (state is null) return ListEntriesApi.NotFound(id);
        if (Caller.From(http.User).Unit != state.DeterminedBy)
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("Only the unit that determined an entry withdraws it.");
        if (string.IsNullOrWhiteSpace(body.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["reason is required: say why the entry is withdrawn."] });
        if (http.IfMatchVersion() is { } expected && expected != version) throw new JasperFx.ConcurrencyException($"List entry {id} is at version {version}, not {expected}.");
        if (state.IsLive)
        {
            await lists.DecideAsync(state.SubjectCode, http.ToEventMetadata(), null, null,
                (facts, now) => lists.Decider.Remove(facts, id, RemovalReason.Withdrawn, body.Reason.Trim(), now), ct);
            (state, version) = await lists.LoadAsync(id, ct);
        }
        http.Response.SetVersion(version);
        return TypedResults.Ok(ListEntryResponse.From(state!.AsSeenAt(time.GetUtcNow()), version));
    }
}
