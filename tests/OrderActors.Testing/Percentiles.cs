namespace OrderActors.Testing;

/// <summary>Percentiles of a benchmark's latency samples (milliseconds), shared by the bench projects.</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/> quantile (0..1) in milliseconds; NaN without samples.</summary>
    public static double At(IEnumerable<double> milliseconds, double p)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }

    public static string Describe(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "no samples";
        }
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"p50 {At(0.50):F1} ms, p95 {At(0.95):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Length})";
    }
}
