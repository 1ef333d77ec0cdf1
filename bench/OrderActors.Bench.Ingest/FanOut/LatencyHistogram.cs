using System.Diagnostics;

namespace OrderActors.Bench.Ingest.FanOut;

/// <summary>
/// Latencies of millions of deliveries without keeping each: 0.1 ms buckets up to 10 s, then 10 ms buckets up to
/// 120 s (anything later counts in the last). Each recording thread has its own buckets (no interlocked operation
/// or shared cache line per delivery, which cost the clients measurable CPU at 500,000 deliveries a second); the
/// figures sum them.
/// </summary>
public sealed class LatencyHistogram
{
    private const long FineMicros = 100;
    private const long FineLimitMicros = 10_000_000;
    private const long CoarseMicros = 10_000;
    private const int CoarseBuckets = (int)((120_000_000 - FineLimitMicros) / CoarseMicros + 1);
    private readonly ThreadLocal<Shard> _shards = new(() => new Shard(), trackAllValues: true);

    /// <summary>Recorded so far (exact once recording has stopped; otherwise it may trail by a few).</summary>
    public long Count => _shards.Values.Sum(s => Volatile.Read(ref s.Count));

    public void Record(long startTimestamp, long endTimestamp)
    {
        var micros = Math.Max(0, Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).Ticks / 10);
        var shard = _shards.Value!;
        if (micros < FineLimitMicros)
        {
            shard.Fine[micros / FineMicros]++;
        }
        else
        {
            shard.Coarse[Math.Min(CoarseBuckets - 1, (micros - FineLimitMicros) / CoarseMicros)]++;
        }
        Volatile.Write(ref shard.Count, shard.Count + 1);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="p"/> quantile (0..1), in milliseconds.</summary>
    public double PercentileMs(double p)
    {
        var shards = _shards.Values;
        var total = shards.Sum(s => Volatile.Read(ref s.Count));
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (var i = 0; i < FineLimitMicros / FineMicros; i++)
        {
            foreach (var shard in shards)
            {
                seen += shard.Fine[i];
            }
            if (seen >= rank)
            {
                return (i + 1) * FineMicros / 1000.0;
            }
        }
        for (var i = 0; i < CoarseBuckets; i++)
        {
            foreach (var shard in shards)
            {
                seen += shard.Coarse[i];
            }
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

    private sealed class Shard
    {
        public readonly long[] Fine = new long[FineLimitMicros / FineMicros];
        public readonly long[] Coarse = new long[CoarseBuckets];
        public long Count;
    }
}
