using CreditMesh.Evaluation.Domain.Model;

namespace CreditMesh.UnitTests.Evaluation;

public sealed class ModelLoaderTests
{
    private const string Valid = """
        {"versions":[{"version":"x","effectiveFrom":"2026-01-01T00:00:00+08:00","baseScore":800,
          "grades":[{"grade":"A","minScore":900},{"grade":"B","minScore":750},{"grade":"C","minScore":600},{"grade":"D","minScore":0}],
          "caps":[{"code":"BlackListed","listTypes":["CourtDefaulter"],"maxGrade":"D"}],
          "inspectionRatios":{"A":0.5,"B":1.0,"C":1.5,"D":3.0},
          "indicators":[{"code":"P","name":"处罚","dimension":"Compliance","counts":{"kind":"Record","categories":["AdministrativePenalty"]},"pointsPerItem":-30,"cap":150}]}]}
        """;

    [Test]
    public void The_shipped_default_has_the_grades_caps_and_ratios_of_DESIGN()
    {
        var current = Facts.Model.Versions[^1];
        Assert.That((current.Version, current.BaseScore), Is.EqualTo(("2026.1", 800)));
        Assert.That(current.Grades.Select(g => (g.Grade, g.MinScore)), Is.EqualTo(new[] { (Grade.A, 900), (Grade.B, 750), (Grade.C, 600), (Grade.D, 0) }));
        Assert.That(current.Caps.Select(c => (c.Code, c.MaxGrade)), Is.EqualTo(new[] { ("BlackListed", Grade.D), ("KeyAttention", Grade.C) }));
        Assert.That(current.InspectionRatios, Is.EquivalentTo(new Dictionary<Grade, double> { [Grade.A] = 0.5, [Grade.B] = 1.0, [Grade.C] = 1.5, [Grade.D] = 3.0 }));
        Assert.That(current.Indicators.Select(i => i.Dimension).Distinct(), Is.EquivalentTo(Enum.GetValues<Dimension>()));
    }

    [Test]
    public void A_valid_model_loads()
    {
        Assert.That(ModelLoader.Load(Valid).Versions.Single().Indicators.Single().PointsPerItem, Is.EqualTo(-30));
    }

    [Test]
    public void A_version_without_its_name_refuses_the_whole_model()
    {
        var refused = Assert.Throws<ModelException>(() => ModelLoader.Load(Valid.Replace("\"version\":\"x\",", "")))!;
        Assert.That(refused.Errors, Is.EqualTo(new[] { "a version has no version name" }));
    }

    [Test]
    public void An_indicator_without_points_refuses_the_whole_model()
    {
        var refused = Assert.Throws<ModelException>(() => ModelLoader.Load(Valid.Replace("\"pointsPerItem\":-30,", "")))!;
        Assert.That(refused.Errors, Is.EqualTo(new[] { "version x, indicator P: has no points (pointsPerItem, non-zero)" }));
    }

    [TestCase("\"cap\":150", "\"cap\":0", "version x, indicator P: has no cap (the most points it gives or takes, positive)")]
    [TestCase("\"cap\":150", "\"cap\":20", "version x, indicator P: one item's points exceed its cap")]
    [TestCase("\"categories\":[\"AdministrativePenalty\"]", "\"categories\":[\"Parking\"]", "version x, indicator P: unknown category Parking")]
    [TestCase("\"dimension\":\"Compliance\"", "\"dimension\":\"Luck\"", "version x, indicator P: dimension must be one of Compliance, Dishonesty, Honour, Commitment, Activity")]
    [TestCase("{\"grade\":\"B\",\"minScore\":750},", "", "version x: grades must be A, B, C and D, each once")]
    [TestCase("{\"grade\":\"C\",\"minScore\":600}", "{\"grade\":\"C\",\"minScore\":800}", "version x: grade C must need less than grade B")]
    [TestCase("{\"grade\":\"D\",\"minScore\":0}", "{\"grade\":\"D\",\"minScore\":100}", "version x: the lowest grade must start at 0, so every score has a grade")]
    [TestCase("\"listTypes\":[\"CourtDefaulter\"]", "\"listTypes\":[\"GreyList\"]", "version x, cap BlackListed: unknown list type GreyList")]
    [TestCase("\"D\":3.0", "\"D\":0", "version x: inspectionRatios needs a positive multiplier for grade D")]
    [TestCase("\"baseScore\":800", "\"baseScore\":1200", "version x: baseScore is required, between 0 and 1000")]
    [TestCase("\"effectiveFrom\":\"2026-01-01T00:00:00+08:00\",", "", "version x: effectiveFrom is required")]
    public void An_incomplete_part_refuses_the_whole_model_naming_it(string part, string replacement, string reason)
    {
        var refused = Assert.Throws<ModelException>(() => ModelLoader.Load(Valid.Replace(part, replacement)))!;
        Assert.That(refused.Errors, Does.Contain(reason));
    }

    [Test]
    public void Two_versions_of_one_name_or_one_start_are_refused()
    {
        var twice = Valid.Replace("{\"versions\":[", "").TrimEnd().TrimEnd('}').TrimEnd(']');
        var refused = Assert.Throws<ModelException>(() => ModelLoader.Load($"{{\"versions\":[{twice},{twice}]}}"))!;
        Assert.That(refused.Errors, Is.EqualTo(new[] { "version x is given twice", "versions x, x all take effect at 2026-01-01T00:00:00.0000000+08:00" }));
    }

    [Test]
    public void The_version_in_force_is_the_latest_that_started_at_or_before_the_instant()
    {
        Assert.That(Facts.Model.At(new DateTimeOffset(2024, 12, 31, 23, 59, 59, Facts.Cst)), Is.Null);
        Assert.That(Facts.Model.At(new DateTimeOffset(2025, 12, 31, 23, 59, 59, Facts.Cst).AddTicks(9_999_999))!.Version, Is.EqualTo("2025.1"));
        Assert.That(Facts.Model.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Facts.Cst))!.Version, Is.EqualTo("2026.1"));
        Assert.That(Facts.Model.NextEffectiveAfter(new DateTimeOffset(2025, 6, 1, 0, 0, 0, Facts.Cst)), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Facts.Cst)));
        Assert.That(Facts.Model.NextEffectiveAfter(Facts.Now), Is.Null);
    }
}
