using System.Diagnostics;
using Callout.Domain.Engagements;

namespace Callout.Engine.Tracing;

/// Callout's own spans (docs/operations.md, "Traces"): one source for the API calls and alert
/// intake, one for engine steps, one for provider calls. The server exports them over OTLP only
/// when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise nothing listens, and starting a span is the
/// source's check for listeners, which returns null (no framework instrumentation runs on the hot
/// path: bench/RESULTS.md).
public static class Traces
{
    public static readonly ActivitySource Api = new("Callout.Api");

    public static readonly ActivitySource Engine = new("Callout.Engine");

    public static readonly ActivitySource Delivery = new("Callout.Delivery");

    public static IReadOnlyList<string> SourceNames { get; } = [Api.Name, Engine.Name, Delivery.Name];

    /// The W3C traceparent of the current span when it is one of Callout's, else null. Steps store
    /// it, so the engine continues the trace of the call that created them later, after a restart
    /// or on another node (docs/decisions.md, "Traces across the durable engine"). A span of
    /// ASP.NET Core's own, which exists whether or not traces are exported, is never stored.
    public static string? CurrentParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && IsOurs(activity.Source) ? activity.Id : null;

    static bool IsOurs(ActivitySource source) => source == Api || source == Engine || source == Delivery;

    /// The steps, each carrying the current span as its trace parent (unchanged when there is none).
    public static IReadOnlyList<EngagementStep> Stamped(IReadOnlyList<EngagementStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return CurrentParent() is { } parent ? [.. steps.Select(s => s with { TraceParent = parent })] : steps;
    }

    /// Starts a span whose parent is `traceParent` (a received header or a stored step's), or the
    /// root of a new trace when there is none or it is malformed; never a child of whatever span
    /// happens to be current (a request's ASP.NET Core span, which is not exported, or the clock
    /// advance that ran the engine). Null when nothing listens or the sampler drops it.
    /// It clears Activity.Current for the caller, so call it from the async method the span belongs
    /// to: the change ends when that method returns.
    public static Activity? StartChildOf(ActivitySource source, string name, ActivityKind kind, string? traceParent, string? traceState = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.HasListeners())
        {
            return null;
        }
        if (!ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent))
        {
            parent = default;
        }
        Activity.Current = null;
        return source.StartActivity(name, kind, parent);
    }

    /// Marks the span failed with a reason (OpenTelemetry's status and error.type).
    public static void Failed(Activity? activity, string errorType, string? description = null)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error, description ?? errorType);
    }
}
