namespace CreditMesh.Evaluation.Domain.Model;

/// <summary>The dimensions an indicator belongs to (DESIGN §4.7).</summary>
public enum Dimension { Compliance, Dishonesty, Honour, Commitment, Activity }

/// <summary>What an indicator counts: disclosed records, active list entries, or completed (approved) repairs.</summary>
public enum CountedKind { Record, ListEntry, Repair }

/// <summary>Grades, best first: A 优, B 良, C 中, D 差. A larger value is a worse grade.</summary>
public enum Grade { A, B, C, D }

/// <summary>
/// Which items an indicator counts: records of these categories (and severities, when given) while disclosed; list entries of
/// these types while active; approved repairs. <see cref="WithinMonths"/> keeps only items decided (records) or approved
/// (repairs) in that many months before the instant.
/// </summary>
public sealed record Counts(CountedKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<string> Severities, IReadOnlyList<string> ListTypes,
    int? WithinMonths);

/// <summary>An indicator: each counted item gives <see cref="PointsPerItem"/> (negative for dishonesty), in total at most <see cref="Cap"/> either way.</summary>
public sealed record Indicator(string Code, string Name, Dimension Dimension, Counts Counts, int PointsPerItem, int Cap);

/// <summary>A grade and the lowest score that earns it.</summary>
public sealed record GradeBand(Grade Grade, string Name, int MinScore);

/// <summary>A cap: while an entry of one of these list types is active, the grade is at most <see cref="MaxGrade"/> (一票否决).</summary>
public sealed record GradeCap(string Code, string Name, IReadOnlyList<string> ListTypes, Grade MaxGrade);

/// <summary>
/// One version of the evaluation model, in force from <see cref="EffectiveFrom"/> until the next version: base score, indicators,
/// grade thresholds, caps, and the grade → inspection-ratio multipliers of graded supervision (信用分级分类监管).
/// </summary>
public sealed record ModelVersion(string Version, DateTimeOffset EffectiveFrom, string? Source, int BaseScore, IReadOnlyList<GradeBand> Grades,
    IReadOnlyList<GradeCap> Caps, IReadOnlyDictionary<Grade, double> InspectionRatios, IReadOnlyList<Indicator> Indicators)
{
    public const int MinScore = 0, MaxScore = 1000;

    /// <summary>The grade a score earns by the thresholds alone (the bands are ordered best first; the last starts at 0).</summary>
    public Grade GradeOf(int score)
    {
        foreach (var band in Grades)
            if (score >= band.MinScore) return band.Grade;
        return Grades[^1].Grade;
    }

    public double RatioOf(Grade grade) => InspectionRatios[grade];
}
