namespace CreditMesh.Testing;

/// <summary>
/// Valid identifiers for tests, computed from the standards' check rules so each test can use codes of
/// its own (GB 32100-2015 with its embedded GB 11714 organisation code; GB 11643 resident ID numbers).
/// </summary>
public static class TestCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static int _next = Random.Shared.Next(10_000_000, 80_000_000);

    /// <summary>A fresh, valid unified social credit code (enterprise, Shenzhen).</summary>
    public static string CreditCode() => CreditCode(Interlocked.Increment(ref _next));

    public static string CreditCode(int serial)
    {
        var org8 = serial.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var organisationCode = org8 + OrganisationCheck(org8);
        var first17 = "91440300" + organisationCode;
        var sum = first17.Select((c, i) => Alphabet.IndexOf(c) * CreditWeights[i]).Sum();
        return first17 + Alphabet[(31 - sum % 31) % 31];
    }

    public static string OrganisationCode(string creditCode) => creditCode.Substring(8, 9);

    public static char OrganisationCheck(string first8)
    {
        var sum = first8.Select((c, i) => (char.IsDigit(c) ? c - '0' : c - 'A' + 10) * OrgWeights[i]).Sum();
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    /// <summary>A valid resident ID number born on the given day (Beijing Dongcheng).</summary>
    public static string IdNumber(DateOnly birth, int sequence = 1)
    {
        var first17 = $"110101{birth:yyyyMMdd}{sequence % 1000:D3}";
        var sum = first17.Select((c, i) => (c - '0') * IdWeights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
