using System.Diagnostics;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// Runs an operation repeatedly and reports p50/p95/p99 in milliseconds, and beside them what timing noise does not
/// change much: bytes allocated per operation (this process: the api-host and the client both), garbage collections
/// during the series, and CPU per operation of this process and of the MariaDB server.
/// </summary>
public static class Latency
{
    /// <summary>
    /// Warm-up runs at least this long (and at least the given number of runs), so that tiered JIT has replaced the
    /// code the series runs (methods called 30 times are recompiled in the background once 100 ms pass without new
    /// tier-0 code) before a sample is taken.
    /// </summary>
    public static TimeSpan MinimumWarmup { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Measures the MariaDB server's CPU too when set.</summary>
    public static uint? ServerPort { get; set; }

    public sealed record Result(
        string Name, int Count, double P50, double P95, double P99, double Max,
        double AllocatedKbPerOp, int Gen0, int Gen1, int Gen2, double OwnCpuMsPerOp, double? ServerCpuMsPerOp)
    {
        public override string ToString() =>
            $"{Name,-48} n={Count,5}  p50={P50,8:0.00} ms  p95={P95,8:0.00} ms  p99={P99,8:0.00} ms  max={Max,8:0.00} ms" +
            $"  | alloc={AllocatedKbPerOp,7:0.0} KB/op  gc0/1/2={Gen0}/{Gen1}/{Gen2}  cpu={OwnCpuMsPerOp:0.000} ms/op" +
            (ServerCpuMsPerOp is { } server ? $"  mariadbd={server:0.000} ms/op" : "");
    }

    public static async Task<Result> MeasureAsync(string name, int warmup, int iterations, Func<int, Task> operation)
    {
        var warmupStarted = Stopwatch.GetTimestamp();
        var done = 0;
        while (done < warmup || Stopwatch.GetElapsedTime(warmupStarted) < MinimumWarmup)
        {
            // The same inputs as the series (they rotate), so the warm-up meets the same pages and code paths.
            await operation(done % Math.Max(1, warmup + iterations));
            done++;
        }
        var samples = new double[iterations];
        var cpu = new CpuMeter(ServerPort);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        cpu.Restart();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var (ownCpu, serverCpu) = cpu.PerOperation(iterations);
        var allocatedPerOp = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / iterations;
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        Array.Sort(samples);
        double At(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
        var result = new Result(name, iterations, At(0.50), At(0.95), At(0.99), samples[^1],
            allocatedPerOp, collections.Item1, collections.Item2, collections.Item3, ownCpu, serverCpu);
        Report.Line(result.ToString());
        return result;
    }
}
