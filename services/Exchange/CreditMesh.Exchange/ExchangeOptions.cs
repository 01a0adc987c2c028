using System.ComponentModel.DataAnnotations;
using System.Text;

namespace CreditMesh.Exchange;

/// <summary>
/// Section "Exchange". CallbackAllowList: the hosts push callbacks may go to (absent: localhost and 127.0.0.1 in Development,
/// none elsewhere). SecretKey: what subscription secrets are derived from (the published development key is refused outside
/// Development). ExpiryInterval: how often items whose window closed are withdrawn when no reader asked first.
/// </summary>
public sealed class ExchangeOptions : IValidatableObject
{
    public const string Section = "Exchange";
    public const string DevelopmentSecretKey = "creditmesh-development-webhook-key-not-for-production";

    public List<string>? CallbackAllowList { get; set; }

    [Required] public string SecretKey { get; set; } = DevelopmentSecretKey;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")] public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Set by the host from its environment.</summary>
    public bool IsDevelopment { get; set; }

    public IReadOnlyList<string> AllowedHosts => CallbackAllowList ?? (IsDevelopment ? ["localhost", "127.0.0.1"] : []);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SecretKey) < 32)
            yield return new ValidationResult("Exchange:SecretKey must be at least 32 bytes.", [nameof(SecretKey)]);
        if (!IsDevelopment && SecretKey == DevelopmentSecretKey)
            yield return new ValidationResult("Exchange:SecretKey is the published development key; set a secret key outside Development.", [nameof(SecretKey)]);
        foreach (var problem in Delivery.Problems()) yield return new ValidationResult(problem, [nameof(Delivery)]);
    }
}

/// <summary>Section "Exchange:Delivery": how pushes are delivered (every call bounded, every retry bounded, STYLE 7).</summary>
public sealed class DeliveryOptions
{
    /// <summary>One HTTP attempt, connection included; a subscriber slower than this has failed the attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Immediate retries within one round (Polly, exponential from 200 ms) for a refused connection or a 5xx.</summary>
    public int QuickRetries { get; set; } = 2;

    /// <summary>After a failed round the next waits InitialBackoff × 2^(failures − 1), at most MaxBackoff.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A delivery still failing this long after it was made is marked Failed and the next one is tried.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Subscriptions delivered to at the same time; each in its own order, so one slow subscriber holds one slot.</summary>
    public int MaxConcurrentSubscriptions { get; set; } = 64;

    /// <summary>How often other replicas' new deliveries and due retries are looked for (a replica's own are started at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Problems()
    {
        if (AttemptTimeout < TimeSpan.FromMilliseconds(100) || AttemptTimeout > TimeSpan.FromMinutes(1))
            yield return "Exchange:Delivery:AttemptTimeout must be between 100 ms and 1 minute.";
        if (QuickRetries is < 0 or > 5) yield return "Exchange:Delivery:QuickRetries must be 0 to 5.";
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff) yield return "Exchange:Delivery: 0 < InitialBackoff ≤ MaxBackoff.";
        if (GiveUpAfter < MaxBackoff) yield return "Exchange:Delivery:GiveUpAfter must be at least MaxBackoff.";
        if (MaxConcurrentSubscriptions is < 1 or > 1000) yield return "Exchange:Delivery:MaxConcurrentSubscriptions must be 1 to 1000.";
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(1))
            yield return "Exchange:Delivery:PollInterval must be between 50 ms and 1 minute.";
    }
}
