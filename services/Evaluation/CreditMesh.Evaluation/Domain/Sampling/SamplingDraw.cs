using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.Evaluation.Domain.Sampling;

/// <summary>A subject of a draw's population with the grade it had when the draw was made.</summary>
public sealed record SampledSubject(string SubjectCode, Grade Grade);

/// <summary>How many subjects of a grade were in the population, and how many were drawn.</summary>
public sealed record GradeCount(int Population, int Selected);

/// <summary>A draw's outcome: the ratio used per grade, the counts, and the subjects selected (by grade, then code).</summary>
public sealed record DrawResult(IReadOnlyDictionary<Grade, decimal> Ratios, IReadOnlyDictionary<Grade, GradeCount> Counts, IReadOnlyList<SampledSubject> Selected);

/// <summary>
/// 双随机 graded sampling (DESIGN §4.7; Gongqingcheng 2020 notice 六: lower inspection ratios for trustworthy subjects, higher
/// for dishonest ones). Per grade, ceil(population × base ratio × the grade's multiplier) subjects are drawn (at most the
/// population). Each grade's subjects are put in code order and drawn by a partial Fisher–Yates shuffle with a generator seeded
/// from the seed and the grade, so the draw depends only on the codes, their grades, the ratio and the seed — not on the order
/// the codes were given in, nor on the other grades' populations.
/// </summary>
public static class SamplingDraw
{
    public static DrawResult Run(IReadOnlyList<SampledSubject> population, decimal baseRatio, string seed, ModelVersion model)
    {
        var ratios = Enum.GetValues<Grade>().ToDictionary(g => g, g => baseRatio * (decimal)model.RatioOf(g));
        var counts = new Dictionary<Grade, GradeCount>();
        var selected = new List<SampledSubject>();
        foreach (var grade in Enum.GetValues<Grade>())
        {
            var codes = population.Where(s => s.Grade == grade).Select(s => s.SubjectCode).Order(StringComparer.Ordinal).ToArray();
            // decimal: 0.1 × 3.0 × 10 is exactly 3 here, where doubles give 3.0000000000000004 and ceil would draw 4.
            var wanted = (int)Math.Min(codes.Length, Math.Ceiling(codes.Length * ratios[grade]));
            var random = new SeededRandom($"{seed}\n{grade}");
            for (var i = 0; i < wanted; i++)
            {
                var j = i + random.Next(codes.Length - i);
                (codes[i], codes[j]) = (codes[j], codes[i]);
            }
            counts[grade] = new GradeCount(codes.Length, wanted);
            selected.AddRange(codes.Take(wanted).Order(StringComparer.Ordinal).Select(code => new SampledSubject(code, grade)));
        }
        return new DrawResult(ratios, counts, selected);
    }
}
