using System.Diagnostics;

namespace OrderActors.Bench.ReadModel;

/// <summary>Runs an operation repeatedly and reports p50/p95/p99 in milliseconds.</summary>
public static class Latency
{
    public sealed record Result(string Name, int Count, double P50, double P95, double P99, double Max)
    {
        public override string ToString() => $"{Name,-48} n={Count,5}  p50={P50,8:0.00} ms  p95={P95,8:0.00} ms  p99={P99,8:0.00} ms  max={Max,8:0.00} ms";
    }

    public static async Task<Result> MeasureAsync(string name, int warmup, int iterations, Func<int, Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(i);
        }
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        double At(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
        var result = new Result(name, iterations, At(0.50), At(0.95), At(0.99), samples[^1]);
        Report.Line(result.ToString());
        return result;
    }
}
