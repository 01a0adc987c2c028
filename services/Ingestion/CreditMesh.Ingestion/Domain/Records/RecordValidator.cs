using System.Buffers;
using System.Globalization;
using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// Turns a submission into a <see cref="CreditRecord"/>, or reports every field error at once (DESIGN §4.2, §5.1, §7).
/// Pure: "today" (the date in China Standard Time) is the caller's, so no decision date can lie after it.
/// </summary>
public static class RecordValidator
{
    public const int MaxSourceRecordIdLength = 64, MaxNameLength = 200, MaxDecisionNumberLength = 100, MaxTextLength = 4000;

    /// <summary>A source record id goes into URLs, logs and idempotency keys, so it keeps to characters that need no escaping there.</summary>
    private static readonly SearchValues<char> SourceRecordIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-");

    public static RecordValidation Validate(CreditRecordSubmission? submission, DateOnly today)
    {
        if (submission is null)
            return RecordValidation.Invalid(new Dictionary<string, string[]> { ["$"] = ["A credit record is required; the body is empty."] });

        var fields = new FieldReader(Catalogue.CommonRequiredFields);
        var category = fields.Choice<RecordCategory>(submission.Category, "category");
        if (category is { } known) fields.Require(Catalogue.For(known).RequiredFields);

        var sourceRecordId = SourceRecordId(submission.SourceRecordId, fields);
        var subject = Subject(submission.Subject, fields);
        var decisionNumber = fields.Text(submission.DecisionNumber, "decisionNumber", MaxDecisionNumberLength);
        var decisionDate = fields.Date(submission.DecisionDate, "decisionDate");
        if (decisionDate > today)
            fields.Add("decisionDate", $"decisionDate {Iso(decisionDate.Value)} is after today ({Iso(today)}); a decision is recorded once it is made.");
        var authority = Authority(submission.DecidingAuthority, fields);
        var penaltyCategories = PenaltyCategories(submission.PenaltyCategories, fields);
        // 罚款 is a sum of money: a penalty that lists it must say how much.
        if (penaltyCategories.Contains(PenaltyCategory.Fine)) fields.Require("fineAmount");
        var validUntil = fields.Date(submission.ValidUntil, "validUntil");
        NotBefore(validUntil, "validUntil", decisionDate, "decisionDate", fields);
        var severity = fields.Choice<Severity>(submission.Severity, "severity");
        var violationType = fields.Text(submission.ViolationType, "violationType", MaxNameLength);
        var facts = fields.Text(submission.Facts, "facts", MaxTextLength, multiLine: true);
        var legalBasis = fields.Text(submission.LegalBasis, "legalBasis", MaxTextLength, multiLine: true);
        var penaltyContent = fields.Text(submission.PenaltyContent, "penaltyContent", MaxTextLength, multiLine: true);
        var fineAmount = fields.Amount(submission.FineAmount, "fineAmount");
        var confiscatedAmount = fields.Amount(submission.ConfiscatedAmount, "confiscatedAmount");
        var sector = fields.Choice<Sector>(submission.Sector, "sector");
        var license = License(submission.License, fields);

        if (fields.HasErrors) return RecordValidation.Invalid(fields.Errors);
        // No errors means every required part was read, so none of these is null.
        return RecordValidation.Valid(new CreditRecord(sourceRecordId!, category!.Value, subject!, decisionNumber!, decisionDate!.Value,
            authority!, severity, violationType, facts, legalBasis, penaltyCategories, penaltyContent, fineAmount, confiscatedAmount,
            sector, validUntil, license));
    }

    private static string? SourceRecordId(string? input, FieldReader fields)
    {
        const string path = "sourceRecordId";
        var id = fields.Text(input, path, MaxSourceRecordIdLength);
        var index = id is null ? -1 : id.AsSpan().IndexOfAnyExcept(SourceRecordIdCharacters);
        if (index < 0) return id;
        // Full-width and other non-ASCII characters get the identifier library's message, which names the character to type instead.
        var ascii = IdentifierInput.Normalize(id, path);
        fields.Add(path, ascii.IsValid
            ? $"{path} uses only letters A–Z and a–z, digits and . _ : / -; '{id![index]}' at position {index + 1} is not allowed."
            : ascii.Error!);
        return null;
    }

    private static RecordSubject? Subject(SubmittedSubject? subject, FieldReader fields)
    {
        // Most records are about enterprises, so a missing kind means LegalPerson (法人).
        var kind = string.IsNullOrWhiteSpace(subject?.Kind) ? SubjectKind.LegalPerson : fields.Choice<SubjectKind>(subject.Kind, "subject.kind");
        // Without a kind it is unknown which code the subject carries; only the checks common to every code apply.
        var code = fields.Identifier(subject?.Code, "subject.code",
            input => kind is { } k ? SubjectCode.Validate(input, k) : IdentifierInput.Normalize(input, "Subject code"));
        var name = fields.Text(subject?.Name, "subject.name", MaxNameLength);
        var representative = Representative(subject?.LegalRepresentative, kind, fields);
        return code is null || name is null || kind is null ? null : new RecordSubject(code, name, kind.Value, representative);
    }

    private static LegalRepresentative? Representative(SubmittedLegalRepresentative? input, SubjectKind? kind, FieldReader fields)
    {
        if (input is null) return null;
        if (kind == SubjectKind.NaturalPerson)
            fields.Add("subject.legalRepresentative", "A natural person (自然人) has no legal representative; leave subject.legalRepresentative out.");
        fields.Require("subject.legalRepresentative.name", "subject.legalRepresentative.idNumber");
        var name = fields.Text(input.Name, "subject.legalRepresentative.name", MaxNameLength);
        var idNumber = fields.Identifier(input.IdNumber, "subject.legalRepresentative.idNumber", ResidentIdNumber.Validate);
        return name is null || idNumber is null ? null : new LegalRepresentative(name, idNumber);
    }

    private static DecidingAuthority? Authority(SubmittedAuthority? input, FieldReader fields)
    {
        var name = fields.Text(input?.Name, "decidingAuthority.name", MaxNameLength);
        var code = fields.Identifier(input?.Code, "decidingAuthority.code", UnifiedSocialCreditCode.Validate);
        return name is null ? null : new DecidingAuthority(name, code);
    }

    private static IReadOnlyList<PenaltyCategory> PenaltyCategories(IReadOnlyList<string?>? input, FieldReader fields)
    {
        const string path = "penaltyCategories";
        if (input is null || input.Count == 0)
        {
            if (fields.IsRequired(path))
                fields.Add(path, $"{path} is required: list at least one of {string.Join(", ", Enum.GetNames<PenaltyCategory>())}.");
            return [];
        }
        var listed = new List<PenaltyCategory>();
        for (var i = 0; i < input.Count; i++)
        {
            if (fields.Choice<PenaltyCategory>(input[i], $"{path}[{i}]", required: true) is not { } category) continue;
            if (listed.Contains(category)) fields.Add($"{path}[{i}]", $"{category} is listed twice.");
            else listed.Add(category);
        }
        // A decision imposes a set of penalties: their order means nothing, so equivalent submissions give equal records.
        return [.. listed.Order()];
    }

    private static License? License(SubmittedLicense? input, FieldReader fields)
    {
        if (input is not null) fields.Require("license.name", "license.content", "license.validFrom");
        var name = fields.Text(input?.Name, "license.name", MaxNameLength);
        var content = fields.Text(input?.Content, "license.content", MaxTextLength, multiLine: true);
        var validFrom = fields.Date(input?.ValidFrom, "license.validFrom");
        var validUntil = fields.Date(input?.ValidUntil, "license.validUntil");
        NotBefore(validUntil, "license.validUntil", validFrom, "license.validFrom", fields);
        return name is null || content is null || validFrom is null ? null : new License(name, content, validFrom.Value, validUntil);
    }

    private static void NotBefore(DateOnly? later, string laterPath, DateOnly? earlier, string earlierPath, FieldReader fields)
    {
        if (later < earlier)
            fields.Add(laterPath, $"{laterPath} ({Iso(later!.Value)}) is before {earlierPath} ({Iso(earlier!.Value)}).");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
