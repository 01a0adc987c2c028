using System.Text;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// Resident identity numbers (GB 11643) are personal data: masked in every response except to auditors and the
/// credit centre, and in every log line and trace for everyone (DESIGN §7). One rule finds them everywhere — in codes,
/// URLs, actor ids (<c>subject:110105…</c>), free text (<c>当事人ID110105…</c>) — so no endpoint masks on its own (ADR 0012).
/// </summary>
public static class PersonalData
{
    private const int IdLength = 18;

    /// <summary>
    /// Masks every token shaped like an 18-character ID number, keeping its first 6 and last 4 (110105********0021): a run of exactly 17 digits and a digit or X (not part of a
    /// longer run of digits), whose area code starts 1–9 and whose positions 7–14 read as a birth date 18xx–20xx. Letters
    /// around it do not protect it. A string that is wholly lower-case hexadecimal of 32 characters or more (our ids and
    /// hashes) is left alone: a digit run inside it is chance, not a person. Returns the same instance when nothing is masked.
    /// </summary>
    public static string Mask(string text)
    {
        var at = NextIdNumber(text, 0);
        if (at < 0 || IsOpaqueId(text)) return text;
        var masked = new StringBuilder(text.Length);
        var copied = 0;
        while (at >= 0)
        {
            masked.Append(text, copied, at - copied + 6).Append('*', 8).Append(text, at + 14, 4);
            copied = at + IdLength;
            at = NextIdNumber(text, copied);
        }
        return masked.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The start of the next ID-number-shaped token at or after <paramref name="start"/> (which is not inside a digit run), or −1.
    /// A run of 17 digits covers every 17th position, so one probe per 17 characters rules most text out (this runs for
    /// every string a response writes).
    /// </summary>
    private static int NextIdNumber(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i <= text.Length - IdLength)
        {
            var probe = i + IdLength - 2;
            if (!char.IsAsciiDigit(text[probe]))
            {
                i = probe + 1;
                continue;
            }
            var (first, last) = (probe, probe);
            while (first > i && char.IsAsciiDigit(text[first - 1])) first--;
            while (last + 1 < text.Length && char.IsAsciiDigit(text[last + 1])) last++;
            var run = last - first + 1;
            var candidate = run == IdLength
                || (run == IdLength - 1 && last + 1 < text.Length && text[last + 1] is 'X' or 'x'
                    && (last + 2 == text.Length || !char.IsAsciiDigit(text[last + 2])));
            if (candidate && IsShaped(text.Slice(first, IdLength))) return first;
            i = last + 2; // text[last + 1] is not a digit, so the next run starts after it
        }
        return -1;
    }

    /// <summary>GB 11643: area code (first digit 1–9), then a birth date yyyyMMdd with year 18xx–20xx, month 01–12, day 01–31.</summary>
    private static bool IsShaped(ReadOnlySpan<char> id)
    {
        static int Two(ReadOnlySpan<char> s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');
        var (century, month, day) = (Two(id, 6), Two(id, 10), Two(id, 12));
        return id[0] != '0' && century is 18 or 19 or 20 && month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    private static bool IsOpaqueId(string text) =>
        text.Length >= 32 && text.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}
