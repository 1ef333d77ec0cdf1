namespace OrderActors.Bench.Ingest.FanOut;

/// <summary>What every client of a fan-out run records into: the latency histogram and when measuring starts.</summary>
public sealed class FanOutTally
{
    private long _measureFrom = long.MaxValue;

    /// <summary>Messages whose <c>sent</c> timestamp is earlier (warm-up) are not counted.</summary>
    public long MeasureFrom => Volatile.Read(ref _measureFrom);

    public LatencyHistogram Latency { get; } = new();

    public void StartMeasuring(long timestamp) => Volatile.Write(ref _measureFrom, timestamp);
}
