extern alias Matching;
using CreditMesh.Testing;
using Matching::CreditMesh.Matching.Domain;
using Matching::CreditMesh.Matching.Domain.Index;

namespace CreditMesh.Benchmarks;

/// <summary>
/// The DESIGN §6 data set for matching: 1,000,000 active list entries over 500,000 subjects (two each by default),
/// deterministic so the generator, the in-process lookup and the HTTP load agree on which subjects are listed.
/// Lists are mixed as in practice: mostly black, some grey, a few red.
/// </summary>
public static class MatchingData
{
    private static readonly ListType[] Mix = [ListType.CourtDefaulter, ListType.CourtDefaulter, ListType.SeriousDishonesty, ListType.CourtDefaulter,
        ListType.KeyAttention, ListType.SeriousDishonesty, ListType.KeyAttention, ListType.CourtDefaulter, ListType.RedList, ListType.SeriousDishonesty];
    private static readonly string[] Courts = ["深圳市中级人民法院", "深圳市福田区人民法院", "深圳市南山区人民法院", "广东省税务局", "深圳市市场监督管理局"];

    /// <summary>Listed subjects use serials from 20,000,000; the HTTP load also asks about unlisted ones.</summary>
    public static string Subject(int i) => TestCodes.CreditCode(20_000_000 + i);

    public static string Unlisted(int i) => TestCodes.CreditCode(60_000_000 + i);

    public static IEnumerable<ListEntryChange> Changes(int subjects, int perSubject, DateTimeOffset now)
    {
        for (var s = 0; s < subjects; s++)
        {
            var code = Subject(s);
            for (var k = 0; k < perSubject; k++)
            {
                var n = s * perSubject + k;
                var from = now.AddDays(-1 - n % 365);
                yield return new ListEntryChange(new Guid(n, 0, 0, new byte[8]).ToString(), code, 1, from, EntryStatus.Active,
                    Mix[n % Mix.Length], Courts[n % Courts.Length], from, now.AddDays(365 + n % 730));
            }
        }
    }
}
