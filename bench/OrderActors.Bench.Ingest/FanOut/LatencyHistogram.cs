using System.Diagnostics;

namespace OrderActors.Bench.Ingest.FanOut;

/// <summary>
/// Latencies of millions of deliveries without keeping each: 0.1 ms buckets up to 10 s, then 10 ms buckets up to
/// 120 s (anything later counts in the last). Safe to record from many receive loops at once.
/// </summary>
public sealed class LatencyHistogram
{
    private const long FineMicros = 100;
    private const long FineLimitMicros = 10_000_000;
    private const long CoarseMicros = 10_000;
    private readonly long[] _fine = new long[FineLimitMicros / FineMicros];
    private readonly long[] _coarse = new long[(120_000_000 - FineLimitMicros) / CoarseMicros + 1];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long startTimestamp, long endTimestamp)
    {
        var micros = Math.Max(0, Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).Ticks / 10);
        if (micros < FineLimitMicros)
        {
            Interlocked.Increment(ref _fine[micros / FineMicros]);
        }
        else
        {
            Interlocked.Increment(ref _coarse[Math.Min(_coarse.Length - 1, (micros - FineLimitMicros) / CoarseMicros)]);
        }
        Interlocked.Increment(ref _count);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="p"/> quantile (0..1), in milliseconds.</summary>
    public double PercentileMs(double p)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (var i = 0; i < _fine.Length; i++)
        {
            seen += Interlocked.Read(ref _fine[i]);
            if (seen >= rank)
            {
                return (i + 1) * FineMicros / 1000.0;
            }
        }
        for (var i = 0; i < _coarse.Length; i++)
        {
            seen += Interlocked.Read(ref _coarse[i]);
            if (seen >= rank)
            {
                return (FineLimitMicros + (i + 1) * CoarseMicros) / 1000.0;
            }
        }
        return double.PositiveInfinity;
    }

    public string Describe() => Count == 0
        ? "no samples"
        : $"p50 {PercentileMs(0.50):F1} ms, p95 {PercentileMs(0.95):F1} ms, p99 {PercentileMs(0.99):F1} ms, p99.9 {PercentileMs(0.999):F1} ms (n={Count:N0})";
}
