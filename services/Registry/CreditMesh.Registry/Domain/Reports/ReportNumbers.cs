using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditMesh.Registry.Domain.Reports;

/// <summary>Report numbers (CMR-20261201-000123: the China Standard Time day and that day's serial) and verification codes.</summary>
public static class ReportNumbers
{
    public static string Format(DateOnly day, int serial) => $"CMR-{day:yyyyMMdd}-{serial.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>A report number as a receiver types it: trimmed, upper case; null when it is not one.</summary>
    public static string? Normalize(string? number)
    {
        var text = number?.Trim().ToUpperInvariant();
        return text is { Length: 19 } && text.StartsWith("CMR-", StringComparison.Ordinal) && text[12] == '-'
               && DateOnly.TryParseExact(text[4..12], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
               && text[13..].All(char.IsAsciiDigit)
            ? text
            : null;
    }

    /// <summary>No 0/O, 1/I/L: a code read off paper is typed back without guessing.</summary>
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>16 characters (about 79 bits) in groups of four: unguessable, so a number alone verifies nothing.</summary>
    public static string NewVerificationCode()
    {
        var code = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0) code.Append('-');
            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }
        return code.ToString();
    }

    /// <summary>Whether a typed code is this one: case, spaces and dashes do not matter; compared in constant time.</summary>
    public static bool Matches(string expected, string? typed)
    {
        static string Bare(string s) => new([.. s.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        if (typed is null) return false;
        var (a, b) = (Encoding.ASCII.GetBytes(Bare(expected)), Encoding.ASCII.GetBytes(Bare(typed)));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
