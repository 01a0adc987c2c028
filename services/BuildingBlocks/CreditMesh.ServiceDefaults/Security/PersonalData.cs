using System.Text.RegularExpressions;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// Resident identity numbers (GB 11643) are personal data: masked in every response except to
/// auditors and the credit centre (first 6 and last 4 kept, DESIGN §7), and never logged.
/// </summary>
public static partial class PersonalData
{
    /// <summary>110105194912310021 → 110105********0021. Anything not shaped like an ID number is masked whole.</summary>
    public static string MaskIdNumber(string idNumber) =>
        idNumber.Length == 18 ? string.Concat(idNumber.AsSpan(0, 6), "********", idNumber.AsSpan(14)) : new string('*', idNumber.Length);

    public static string? ForCaller(string? idNumber, Caller caller) =>
        idNumber is null || caller.SeesPersonalData ? idNumber : MaskIdNumber(idNumber);

    /// <summary>Replaces anything shaped like an 18-character resident ID number (also in URLs) with its masked form.</summary>
    public static string Redact(string text) =>
        IdNumberPattern().IsMatch(text) ? IdNumberPattern().Replace(text, m => MaskIdNumber(m.Value)) : text;

    // 6-digit area code, birth date 18xx–20xx, 3-digit sequence, check digit or X; not inside a longer run of digits.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdNumberPattern();
}
