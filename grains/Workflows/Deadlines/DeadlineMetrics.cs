using System.Diagnostics.Metrics;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>How late deadlines fire (due time to the instance being told), on the "OrderActors" meter.</summary>
public static class DeadlineMetrics
{
    public const string MeterName = "OrderActors";
    public const string LatenessInstrument = "orderactors.workflows.deadline.lateness";

    private static readonly Meter Meter = new(MeterName);

    public static Histogram<double> Lateness { get; } = Meter.CreateHistogram<double>(LatenessInstrument, "ms", "Time from a deadline's due time until its instance was told.");
}
