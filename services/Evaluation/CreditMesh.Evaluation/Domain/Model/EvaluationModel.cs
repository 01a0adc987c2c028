namespace CreditMesh.Evaluation.Domain.Model;

/// <summary>
/// The evaluation model as versioned data (DESIGN §4.7), like the measures catalogue: an evaluation at an instant uses the version
/// in force then, so an as-of evaluation of a past day uses that day's model.
/// </summary>
public sealed class EvaluationModel
{
    private readonly ModelVersion[] _versions;

    public EvaluationModel(IEnumerable<ModelVersion> versions)
    {
        _versions = versions.OrderBy(v => v.EffectiveFrom).ToArray();
        if (_versions.Length == 0) throw new ModelException(["the model has no version"]);
    }

    public IReadOnlyList<ModelVersion> Versions => _versions;

    /// <summary>The version in force at the instant; before the first one, none (nothing was evaluated then).</summary>
    public ModelVersion? At(DateTimeOffset instant)
    {
        ModelVersion? inForce = null;
        foreach (var version in _versions)
        {
            if (version.EffectiveFrom > instant) break;
            inForce = version;
        }
        return inForce;
    }

    /// <summary>When the next version takes effect after the instant (every subject is evaluated again then), if one is planned.</summary>
    public DateTimeOffset? NextEffectiveAfter(DateTimeOffset instant) =>
        _versions.Select(v => (DateTimeOffset?)v.EffectiveFrom).FirstOrDefault(from => from > instant);
}

/// <summary>The model data is refused as a whole, with every reason (a version without its name, an indicator without points…).</summary>
public sealed class ModelException(IReadOnlyList<string> errors) : Exception("The evaluation model was refused: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
