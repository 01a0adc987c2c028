using System.Diagnostics.CodeAnalysis;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// The outcome of <see cref="RecordValidator.Validate"/>: the record, or every field error at once, keyed by the
/// camelCase JSON path the client sent (the "errors" of a ValidationProblem).
/// </summary>
public sealed record RecordValidation
{
    private RecordValidation(CreditRecord? record, IReadOnlyDictionary<string, string[]> errors) =>
        (Record, Errors) = (record, errors);

    public CreditRecord? Record { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    [MemberNotNullWhen(true, nameof(Record))]
    public bool IsValid => Record is not null;

    public static RecordValidation Valid(CreditRecord record) => new(record, new Dictionary<string, string[]>());

    public static RecordValidation Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("An invalid record has at least one error.", nameof(errors));
}
