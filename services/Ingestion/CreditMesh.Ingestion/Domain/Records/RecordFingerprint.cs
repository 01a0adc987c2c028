using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// The SHA-256 (hex) of a record's content, for idempotency (DESIGN §4.2): under one (sourceUnit, sourceRecordId), an equal
/// fingerprint is a duplicate and a different one a conflict. It hashes the validated record, not the request text, so
/// member order, white space, trimming, code case, amount scale (50000 or 50000.00) and penalty order do not count.
/// </summary>
public static class RecordFingerprint
{
    /// <summary>
    /// Members are written in a fixed order by hand, not by reflection, because stored fingerprints must not change when the
    /// record type is refactored. Absent values are left out, so a field added later keeps old fingerprints as they were.
    /// The source record id is the key the fingerprint is compared under, not content, so it is not hashed. The writer's default
    /// encoder escapes everything beyond Basic Latin, a rule that does not move with the Unicode version the runtime knows.
    /// </summary>
    public static string Of(CreditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("category", record.Category.ToString());
            json.WriteStartObject("subject");
            json.WriteString("code", record.Subject.Code);
            json.WriteString("name", record.Subject.Name);
            json.WriteString("kind", record.Subject.Kind.ToString());
            if (record.Subject.LegalRepresentative is { } representative)
            {
                json.WriteStartObject("legalRepresentative");
                json.WriteString("name", representative.Name);
                json.WriteString("idNumber", representative.IdNumber);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteString("decisionNumber", record.DecisionNumber);
            Date(json, "decisionDate", record.DecisionDate);
            json.WriteStartObject("decidingAuthority");
            json.WriteString("name", record.DecidingAuthority.Name);
            Text(json, "code", record.DecidingAuthority.Code);
            json.WriteEndObject();
            Text(json, "severity", record.Severity?.ToString());
            Text(json, "violationType", record.ViolationType);
            Text(json, "facts", record.Facts);
            Text(json, "legalBasis", record.LegalBasis);
            if (record.PenaltyCategories.Count > 0)
            {
                json.WriteStartArray("penaltyCategories");
                // Sorted here too, so a record built by other code than the validator hashes alike.
                foreach (var category in record.PenaltyCategories.Order()) json.WriteStringValue(category.ToString());
                json.WriteEndArray();
            }
            Text(json, "penaltyContent", record.PenaltyContent);
            Amount(json, "fineAmount", record.FineAmount);
            Amount(json, "confiscatedAmount", record.ConfiscatedAmount);
            Text(json, "sector", record.Sector?.ToString());
            Date(json, "validUntil", record.ValidUntil);
            if (record.License is { } license)
            {
                json.WriteStartObject("license");
                json.WriteString("name", license.Name);
                json.WriteString("content", license.Content);
                Date(json, "validFrom", license.ValidFrom);
                Date(json, "validUntil", license.ValidUntil);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    private static void Date(Utf8JsonWriter json, string name, DateOnly? value)
    {
        if (value is { } date) json.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>By value, not scale: 50000, 50000.0 and 50000.00 are one amount.</summary>
    private static void Amount(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } amount) json.WriteString(name, amount.ToString("0.############################", CultureInfo.InvariantCulture));
    }
}
