using System.Security.Cryptography;
using System.Text;
using CreditMesh.EventSourcing;

namespace CreditMesh.Lists.Domain.Notices;

/// <summary>
/// 告知书 issued: the subject is told that <see cref="ListEntryId"/> is proposed, on which records and legal basis, and that it may
/// object until <see cref="ObjectionDeadline"/> (国办发〔2020〕49号: 告知 before listing). Written in the transaction that proposes the entry.
/// </summary>
public sealed record NoticeIssued(string NoticeId, string ListEntryId, ListType ListType, string SubjectCode, IReadOnlyList<string> BasisRecordIds,
    string LegalBasis, DateTimeOffset ObjectionDeadline, DateTimeOffset IssuedAt);

/// <summary>Open until the deadline; Objected when an objection was raised by then; Lapsed when the deadline passed without one.</summary>
public enum NoticeStatus { Open, Objected, Lapsed }

/// <summary>A listing notice, folded from its one-event stream "notice-{noticeId}".</summary>
public sealed record ListingNotice(NoticeIssued Issued) : IAggregate<ListingNotice>
{
    public static ListingNotice Create(object firstEvent) => firstEvent switch
    {
        NoticeIssued e => new ListingNotice(e),
        _ => throw new InvalidOperationException($"A notice stream cannot start with {firstEvent.GetType().Name}."),
    };

    public ListingNotice Apply(object @event) => this;

    public static string StreamId(string noticeId) => $"notice-{noticeId}";

    /// <summary>One notice per proposed entry, named after it: a repeated proposal cannot issue a second one.</summary>
    public static string IdFor(string listEntryId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"notice\n{listEntryId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (name-based, custom hash)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>The notices a decision gives: one for every entry it proposes (every proposal has an objection window).</summary>
    public static IReadOnlyList<NoticeIssued> For(IEnumerable<EntryChange> changes) =>
        changes.SelectMany(c => c.Events.OfType<EntryProposed>())
            .Select(p => new NoticeIssued(IdFor(p.ListEntryId), p.ListEntryId, p.ListType, p.SubjectCode, p.BasisRecordIds, LegalBasisOf(p),
                p.ObjectionWindowEndsAt, p.ProposedAt))
            .ToList();

    /// <summary>
    /// Where the determination stands in law: the rule's source, and for a unit's own determination its stated reason.
    /// 严重失信主体名单: 国办发〔2020〕49号 (六)(七); tax: 国家税务总局令第54号.
    /// </summary>
    public static string LegalBasisOf(EntryProposed p) => p.Rule switch
    {
        DeterminationRule.SeriousPenalty =>
            "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）第（六）（七）项：受到严重行政处罚的，依法依规认定为严重失信主体。",
        DeterminationRule.MajorTaxViolation =>
            "《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）；《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）。",
        DeterminationRule.ManualProposal =>
            $"《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）第（七）项；认定单位 {p.DeterminedBy} 的认定理由：{p.Reason}",
        _ => "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）。",
    };

    public static NoticeStatus StatusAt(DateTimeOffset deadline, bool objectedInTime, DateTimeOffset now) =>
        objectedInTime ? NoticeStatus.Objected : now >= deadline ? NoticeStatus.Lapsed : NoticeStatus.Open;
}
