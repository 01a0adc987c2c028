using System.Collections.Concurrent;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.Extensions.Logging;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>Everything every host logged, as it would reach the console.</summary>
public sealed class LogCapture : ILogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void Write(LogLevel level, string category, string message) => _lines.Enqueue($"{category}: {message}");
}
