using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditMesh.Contracts.Vocabulary;

namespace CreditMesh.Evaluation.Domain.Model;

/// <summary>
/// Reads the evaluation model from its JSON data and refuses it, with every reason, when a version lacks its name or effective
/// date, an indicator lacks its points or cap or counts nothing known, the grades are not A–D with falling thresholds, a cap
/// names an unknown list, or a grade has no inspection ratio: the model grades every subject, so it loads whole or not at all.
/// </summary>
public static class ModelLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly string[] Categories =
    [
        RecordCategories.AdministrativeLicense, RecordCategories.AdministrativePenalty, RecordCategories.CourtDefaulter, RecordCategories.MajorTaxViolation,
        RecordCategories.CreditCommitment, RecordCategories.CommitmentBreach, RecordCategories.Honor,
    ];
    private static readonly string[] SeverityNames = [Severities.Minor, Severities.General, Severities.Serious];

    private sealed record ModelData(List<VersionData>? Versions);
    private sealed record VersionData(string? Version, DateTimeOffset? EffectiveFrom, string? Source, int? BaseScore, List<BandData>? Grades,
        List<CapData>? Caps, Dictionary<string, double>? InspectionRatios, List<IndicatorData>? Indicators);
    private sealed record BandData(string? Grade, string? Name, int? MinScore);
    private sealed record CapData(string? Code, string? Name, List<string>? ListTypes, string? MaxGrade);
    private sealed record IndicatorData(string? Code, string? Name, string? Dimension, CountsData? Counts, int? PointsPerItem, int? Cap);
    private sealed record CountsData(string? Kind, List<string>? Categories, List<string>? Severities, List<string>? ListTypes, int? WithinMonths);

    /// <summary>The model shipped with the service (Domain/Model/evaluation-model.json), the documented default.</summary>
    public static EvaluationModel LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CreditMesh.Evaluation.evaluation-model.json")
            ?? throw new InvalidOperationException("evaluation-model.json is not embedded");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd());
    }

    /// <summary>A province's own model file (Evaluation:ModelFile), or the default when none is configured.</summary>
    public static EvaluationModel LoadFileOrEmbedded(string? path) => string.IsNullOrWhiteSpace(path) ? LoadEmbedded() : Load(File.ReadAllText(path));

    public static EvaluationModel Load(string json)
    {
        ModelData data;
        try
        {
            data = JsonSerializer.Deserialize<ModelData>(json, Json) ?? new ModelData(null);
        }
        catch (JsonException e)
        {
            throw new ModelException([$"the model is not valid JSON: {e.Message}"]);
        }
        var errors = new List<string>();
        var versions = (data.Versions ?? []).Select(v => Read(v, errors)).ToList();
        if (versions.Count == 0) errors.Add("the model has no version");
        foreach (var repeated in versions.GroupBy(v => v.Version).Where(g => g.Count() > 1)) errors.Add($"version {repeated.Key} is given twice");
        foreach (var clash in versions.GroupBy(v => v.EffectiveFrom).Where(g => g.Count() > 1))
            errors.Add($"versions {string.Join(", ", clash.Select(v => v.Version))} all take effect at {clash.Key:O}");
        if (errors.Count > 0) throw new ModelException(errors);
        return new EvaluationModel(versions);
    }

    private static ModelVersion Read(VersionData v, List<string> errors)
    {
        var name = string.IsNullOrWhiteSpace(v.Version) ? "?" : v.Version.Trim();
        var where = $"version {name}";
        if (name == "?") errors.Add("a version has no version name");
        if (v.EffectiveFrom is null) errors.Add($"{where}: effectiveFrom is required");
        if (v.BaseScore is not { } baseScore || baseScore is < ModelVersion.MinScore or > ModelVersion.MaxScore)
            errors.Add($"{where}: baseScore is required, between {ModelVersion.MinScore} and {ModelVersion.MaxScore}");
        var grades = Grades(v.Grades ?? [], where, errors);
        var caps = (v.Caps ?? []).Select(c => Cap(c, where, errors)).ToList();
        var ratios = new Dictionary<Grade, double>();
        foreach (var grade in Enum.GetValues<Grade>())
            if ((v.InspectionRatios ?? []).TryGetValue(grade.ToString(), out var ratio) && ratio > 0) ratios[grade] = ratio;
            else errors.Add($"{where}: inspectionRatios needs a positive multiplier for grade {grade}");
        foreach (var unknown in (v.InspectionRatios ?? []).Keys.Where(k => !Enum.TryParse<Grade>(k, out _))) errors.Add($"{where}: inspectionRatios names unknown grade {unknown}");
        var indicators = (v.Indicators ?? []).Select(i => Indicator(i, where, errors)).ToList();
        if (indicators.Count == 0) errors.Add($"{where}: has no indicator");
        foreach (var repeated in indicators.GroupBy(i => i.Code).Where(g => g.Count() > 1)) errors.Add($"{where}: indicator {repeated.Key} is given twice");
        return new ModelVersion(name, v.EffectiveFrom ?? default, v.Source, v.BaseScore ?? 0, grades, caps, ratios, indicators);
    }

    private static List<GradeBand> Grades(List<BandData> bands, string where, List<string> errors)
    {
        var read = new List<GradeBand>();
        foreach (var b in bands)
        {
            if (!Enum.TryParse<Grade>(b.Grade, out var grade) || !Enum.IsDefined(grade)) errors.Add($"{where}: unknown grade {b.Grade ?? "(none)"}");
            else if (b.MinScore is not { } min) errors.Add($"{where}: grade {grade} has no minScore");
            else read.Add(new GradeBand(grade, b.Name ?? grade.ToString(), min));
        }
        var ordered = read.OrderBy(b => b.Grade).ToList();
        if (ordered.Select(b => b.Grade).Distinct().Count() != Enum.GetValues<Grade>().Length || ordered.Count != Enum.GetValues<Grade>().Length)
            errors.Add($"{where}: grades must be A, B, C and D, each once");
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].MinScore >= ordered[i - 1].MinScore) errors.Add($"{where}: grade {ordered[i].Grade} must need less than grade {ordered[i - 1].Grade}");
        if (ordered.Count > 0 && ordered[^1].MinScore != ModelVersion.MinScore) errors.Add($"{where}: the lowest grade must start at {ModelVersion.MinScore}, so every score has a grade");
        return ordered;
    }

    private static GradeCap Cap(CapData c, string where, List<string> errors)
    {
        var code = c.Code ?? "?";
        if (string.IsNullOrWhiteSpace(c.Code)) errors.Add($"{where}: a cap has no code");
        if ((c.ListTypes ?? []).Count == 0) errors.Add($"{where}, cap {code}: names no list type");
        foreach (var list in (c.ListTypes ?? []).Where(l => !ListTypes.All.Contains(l))) errors.Add($"{where}, cap {code}: unknown list type {list}");
        if (!Enum.TryParse<Grade>(c.MaxGrade, out var max) || !Enum.IsDefined(max)) errors.Add($"{where}, cap {code}: maxGrade must be A, B, C or D");
        return new GradeCap(code, c.Name ?? code, c.ListTypes ?? [], max);
    }

    private static Indicator Indicator(IndicatorData i, string where, List<string> errors)
    {
        var code = string.IsNullOrWhiteSpace(i.Code) ? "?" : i.Code;
        var at = $"{where}, indicator {code}";
        if (code == "?" || string.IsNullOrWhiteSpace(i.Name)) errors.Add($"{at}: code and name are required");
        if (!Enum.TryParse<Dimension>(i.Dimension, out var dimension) || !Enum.IsDefined(dimension))
            errors.Add($"{at}: dimension must be one of {string.Join(", ", Enum.GetNames<Dimension>())}");
        if (i.PointsPerItem is not { } points || points == 0) errors.Add($"{at}: has no points (pointsPerItem, non-zero)");
        if (i.Cap is not { } cap || cap <= 0) errors.Add($"{at}: has no cap (the most points it gives or takes, positive)");
        else if (i.PointsPerItem is { } p && Math.Abs(p) > cap) errors.Add($"{at}: one item's points exceed its cap");
        return new Indicator(code, i.Name ?? "", dimension, Counts(i.Counts, at, errors), i.PointsPerItem ?? 0, i.Cap ?? 0);
    }

    private static Counts Counts(CountsData? c, string at, List<string> errors)
    {
        if (c is null || !Enum.TryParse<CountedKind>(c.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add($"{at}: counts.kind must be Record, ListEntry or Repair");
            return new Counts(CountedKind.Record, [], [], [], null);
        }
        var categories = c.Categories ?? [];
        var severities = c.Severities ?? [];
        var listTypes = c.ListTypes ?? [];
        if (kind == CountedKind.Record && categories.Count == 0) errors.Add($"{at}: counts records of no category");
        if (kind == CountedKind.ListEntry && listTypes.Count == 0) errors.Add($"{at}: counts entries of no list type");
        if (kind != CountedKind.Record && (categories.Count > 0 || severities.Count > 0)) errors.Add($"{at}: categories and severities apply to records only");
        if (kind != CountedKind.ListEntry && listTypes.Count > 0) errors.Add($"{at}: listTypes apply to list entries only");
        foreach (var x in categories.Where(x => !Categories.Contains(x))) errors.Add($"{at}: unknown category {x}");
        foreach (var x in severities.Where(x => !SeverityNames.Contains(x))) errors.Add($"{at}: unknown severity {x}");
        foreach (var x in listTypes.Where(x => !ListTypes.All.Contains(x))) errors.Add($"{at}: unknown list type {x}");
        if (c.WithinMonths is <= 0) errors.Add($"{at}: withinMonths must be positive");
        if (kind == CountedKind.ListEntry && c.WithinMonths is not null) errors.Add($"{at}: an entry counts while active; withinMonths applies to records and repairs");
        return new Counts(kind, categories, severities, listTypes, c.WithinMonths);
    }
}
