using CreditMesh.Calendar;

namespace CreditMesh.Lists.Domain;

/// <summary>
/// Pure decisions on one subject's list entries. <see cref="Reconcile"/> brings the entries in line with
/// the records, the clock and the objections; commands (withdrawal, repair, upheld objection, manual
/// proposal) change one entry and then reconcile, so a removed black entry restores red ones at once.
/// Reconciling twice changes nothing the second time: redelivered and out-of-order events are harmless.
/// </summary>
public sealed class SubjectDecider(DeterminationRules rules, WorkingDayCalendar calendar)
{
    public IReadOnlyList<EntryChange> Reconcile(SubjectFacts facts, DateTimeOffset now) => Run(facts, now, _ => { });

    /// <summary>Removes a live entry (withdrawn by its unit, repaired, objection upheld); a removed or unknown one is left as it is.</summary>
    public IReadOnlyList<EntryChange> Remove(SubjectFacts facts, string listEntryId, RemovalReason reason, string? detail, DateTimeOffset now) =>
        Run(facts, now, space =>
        {
            if (space.Find(listEntryId) is { IsLive: true } entry)
                space.Emit(listEntryId, new EntryRemoved(listEntryId, entry.SubjectCode, reason, detail, now));
        });

    /// <summary>
    /// 成员单位认定: a member unit proposes an entry in its own field (the caller checked the basis records are
    /// its own). Hand determinations always give notice and an objection window first (ADR 0007). The same
    /// proposal again names the same entry and changes nothing.
    /// </summary>
    public IReadOnlyList<EntryChange> ProposeManually(SubjectFacts facts, string unit, ListType listType, IReadOnlyList<string> basisRecordIds,
        string reason, DateOnly? validUntil, DateTimeOffset now) =>
        Run(facts, now, space =>
        {
            var id = ListEntryIds.For(listType, facts.SubjectCode, basisRecordIds);
            if (space.Knows(id)) return;
            var latest = facts.Records.Where(r => basisRecordIds.Contains(r.RecordId)).Max(r => r.DecisionDate) ?? ChinaTime.DayOf(now);
            var until = validUntil is { } d ? ChinaTime.EndOf(d) : ChinaTime.StartOf(latest.AddMonths(rules[listType].ValidityMonths));
            space.Emit(id, new EntryProposed(id, listType, facts.SubjectCode, unit, [.. basisRecordIds.Order(StringComparer.Ordinal)],
                DeterminationRule.ManualProposal, rules.Version, until, ObjectionWindowEnd(now), reason, now));
        });

    /// <summary>
    /// 国家下发名单: an entry of a list the national platform issued takes effect at once — the national body decided, so there is
    /// no second notice or objection window here (DESIGN §4.10) — named by its national id, so importing it again changes nothing.
    /// The subject's entries are then reconciled as after any change (a black entry suspends red ones).
    /// </summary>
    public IReadOnlyList<EntryChange> Import(SubjectFacts facts, NationalEntry entry, DateTimeOffset now) =>
        Run(facts, now, space =>
        {
            var id = ListEntryIds.ForNational(entry.NationalId);
            if (space.Knows(id)) return;
            space.Emit(id, new EntryActivated(id, entry.ListType, facts.SubjectCode, entry.IssuedBy, [], DeterminationRule.NationalList, rules.Version,
                ChinaTime.StartOf(entry.ValidFrom), entry.ValidUntilInstant(rules), now, entry.NationalId, entry.Basis, entry.SubjectName));
        });

    /// <summary>
    /// The objection window runs for N working days after the day of notice (China Standard Time) and ends at
    /// the end of the N-th working day; holidays and adjusted working weekends come from the calendar.
    /// </summary>
    public DateTimeOffset ObjectionWindowEnd(DateTimeOffset proposedAt) =>
        ChinaTime.EndOf(calendar.AddWorkingDays(ChinaTime.DayOf(proposedAt), rules.ObjectionWindowWorkingDays));

    private IReadOnlyList<EntryChange> Run(SubjectFacts facts, DateTimeOffset now, Action<SubjectWorkspace> command)
    {
        var space = new SubjectWorkspace(facts);
        command(space);
        RemoveUnsupported(space, now);
        Expire(space, now);
        Derive(space, now);
        ActivateAfterNotice(space, now);
        VetoRedEntries(space, now);
        return space.Changes;
    }

    /// <summary>A revoked basis removes derived entries (DESIGN §4.2); a corrected one removes them when the rule no longer holds.</summary>
    private void RemoveUnsupported(SubjectWorkspace space, DateTimeOffset now)
    {
        foreach (var entry in space.Live)
        {
            var basis = space.Facts.Records.Where(r => entry.BasisRecordIds.Contains(r.RecordId)).ToList();
            var supported = entry.Rule == DeterminationRule.RepeatedGeneralPenalties
                ? StillRepeated(basis, space.Facts.Records)
                : entry.BasisRecordIds.All(id => basis.Any(r => r.RecordId == id && r.Supports(entry.Rule)));
            if (supported) continue;
            // A basis that only stopped counting because its repair was approved removes the entry as Repaired.
            var repaired = basis.Any(r => r.Repaired) && !basis.Any(r => r.Revoked);
            space.Emit(entry.ListEntryId, repaired
                ? new EntryRemoved(entry.ListEntryId, entry.SubjectCode, RemovalReason.Repaired, "A basis record's credit repair was approved.", now)
                : new EntryRemoved(entry.ListEntryId, entry.SubjectCode, RemovalReason.BasisRevoked, "A basis record was revoked or no longer meets the rule.", now));
        }
    }

    /// <summary>Key attention for repeated penalties stays while its 12-month window still holds enough general penalties.</summary>
    private bool StillRepeated(IReadOnlyList<KnownRecord> basis, IReadOnlyList<KnownRecord> all)
    {
        var dates = basis.Where(r => r.DecisionDate is not null).Select(r => r.DecisionDate!.Value).ToList();
        return dates.Count > 0 && Determination.InWindowEndingOn(all, dates.Max(), rules).Count >= rules.RepeatPenaltyThreshold;
    }

    private static void Expire(SubjectWorkspace space, DateTimeOffset now)
    {
        foreach (var entry in space.Live.Where(e => e.ValidUntil <= now))
            space.Emit(entry.ListEntryId, new EntryRemoved(entry.ListEntryId, entry.SubjectCode, RemovalReason.Expired, null, now));
    }

    private void Derive(SubjectWorkspace space, DateTimeOffset now)
    {
        foreach (var candidate in Determination.Candidates(space.Facts.SubjectCode, space.Facts.Records, rules))
        {
            var id = candidate.ListEntryId;
            if (space.Knows(id) || candidate.ValidUntil <= now) continue;
            // One key-attention entry at a time for repeated penalties: a fourth penalty does not add a second one.
            if (candidate.Rule == DeterminationRule.RepeatedGeneralPenalties
                && space.Live.Any(e => e.Rule == DeterminationRule.RepeatedGeneralPenalties)) continue;
            space.Emit(id, rules[candidate.ListType].NeedsNotice
                ? new EntryProposed(id, candidate.ListType, candidate.SubjectCode, candidate.DeterminedBy, candidate.BasisRecordIds, candidate.Rule,
                    rules.Version, candidate.ValidUntil, ObjectionWindowEnd(now), null, now)
                : new EntryActivated(id, candidate.ListType, candidate.SubjectCode, candidate.DeterminedBy, candidate.BasisRecordIds, candidate.Rule,
                    rules.Version, now, candidate.ValidUntil, now));
        }
    }

    /// <summary>After the objection window, a proposed entry takes effect unless an objection about it is still open.</summary>
    private void ActivateAfterNotice(SubjectWorkspace space, DateTimeOffset now)
    {
        foreach (var entry in space.Live.Where(e => e.Status == EntryStatus.Proposed && e.ObjectionWindowEndsAt <= now
                     && !space.Facts.EntriesUnderObjection.Contains(e.ListEntryId)))
            space.Emit(entry.ListEntryId, new EntryActivated(entry.ListEntryId, entry.ListType, entry.SubjectCode, entry.DeterminedBy,
                entry.BasisRecordIds, entry.Rule, rules.Version, now, entry.ValidUntil, now));
    }

    /// <summary>一票否决: red entries are suspended while any black entry of the subject is active, and restored when none is.</summary>
    private void VetoRedEntries(SubjectWorkspace space, DateTimeOffset now)
    {
        var black = space.Live.FirstOrDefault(e => e.Status == EntryStatus.Active && rules[e.ListType].Kind == ListKind.Black);
        foreach (var red in space.Live.Where(e => rules[e.ListType].Kind == ListKind.Red).ToList())
        {
            if (black is not null && red.Status == EntryStatus.Active)
                space.Emit(red.ListEntryId, new EntrySuspended(red.ListEntryId, red.SubjectCode, black.ListEntryId, now));
            else if (black is null && red.Status == EntryStatus.Suspended)
                space.Emit(red.ListEntryId, new EntryRestored(red.ListEntryId, red.SubjectCode, red.ValidUntil, now));
        }
    }
}
