using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>Where redacted log lines go: the console by default, plus whatever tests register.</summary>
public interface ILogSink
{
    void Write(LogLevel level, string category, string message);
}

public sealed class ConsoleLogSink : ILogSink
{
    public void Write(LogLevel level, string category, string message) =>
        Console.Out.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Abbreviate(level)} {category}: {message}");

    private static string Abbreviate(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info",
        LogLevel.Warning => "warn", LogLevel.Error => "fail", _ => "crit",
    };
}

/// <summary>
/// The only console logger of a CreditMesh host: every message and exception text passes through
/// <see cref="PersonalData.Mask"/> first, so resident ID numbers (also inside URLs, since a natural
/// person's subject code is one) never reach a log (DESIGN §7).
/// </summary>
[ProviderAlias("CreditMesh")]
public sealed class RedactingLoggerProvider(IEnumerable<ILogSink> sinks) : ILoggerProvider
{
    private readonly ILogSink[] _sinks = sinks.ToArray();

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(categoryName, _sinks);

    public void Dispose() { }

    private sealed class RedactingLogger(string category, ILogSink[] sinks) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (exception is not null) message += Environment.NewLine + exception;
            message = PersonalData.Mask(message);
            foreach (var sink in sinks) sink.Write(logLevel, category, message);
        }
    }
}

/// <summary>Redacts ID numbers from span names and string tags (url.path, url.query…) before any exporter sees them.</summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        activity.DisplayName = PersonalData.Mask(activity.DisplayName);
        foreach (var (key, value) in activity.TagObjects.ToList())
            if (value is string text && PersonalData.Mask(text) is var redacted && !ReferenceEquals(redacted, text))
                activity.SetTag(key, redacted);
    }
}

/// <summary>Redacts ID numbers from log records exported over OTLP.</summary>
public sealed class RedactingLogRecordProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord record)
    {
        if (record.FormattedMessage is { } formatted) record.FormattedMessage = PersonalData.Mask(formatted);
        if (record.Body is { } body) record.Body = PersonalData.Mask(body);
        if (record.Attributes is { } attributes)
            record.Attributes = attributes.Select(a => a.Value is string s ? new KeyValuePair<string, object?>(a.Key, PersonalData.Mask(s)) : a).ToList();
    }
}
