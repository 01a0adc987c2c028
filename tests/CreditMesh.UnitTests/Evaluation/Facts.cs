using CreditMesh.Calendar;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.UnitTests.Evaluation;

/// <summary>A subject's facts as the evaluation service folds them, built from the facts its consumer records.</summary>
public static class Facts
{
    public const string Code = "9144030071526726XG";
    public static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, Cst);
    public static readonly EvaluationModel Model = ModelLoader.LoadEmbedded();
    public static ModelVersion Current => Model.At(Now)!;

    public static SubjectFacts Of(params object[] facts) =>
        facts.Aggregate((SubjectFacts?)null, (state, e) => state is null ? SubjectFacts.Create(e) : state.Apply(e))
        ?? SubjectFacts.Create(Registered());

    public static SubjectNoted Registered() => new(Code, "LegalPerson", "测试企业", Now.AddYears(-2));

    /// <summary>A disclosed record decided on <paramref name="decided"/>, disclosed from then until <paramref name="until"/> (exclusive date).</summary>
    public static RecordNoted Record(string id, string category, DateOnly decided, DateOnly until, string? severity = null, long version = 1,
        bool disclosed = true) =>
        new(Code, id, version, category, severity, decided, disclosed, decided, until, "LegalPerson", ChinaTime.StartOf(decided));

    public static RecordNoted Penalty(string id, string severity, DateOnly decided, int months = 12) =>
        Record(id, "AdministrativePenalty", decided, decided.AddMonths(months), severity);

    public static EntryNoted Entry(string id, string listType, DateTimeOffset from, DateTimeOffset until, string status = "Active", long version = 1) =>
        new(Code, id, version, status, listType, from, until, from);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
