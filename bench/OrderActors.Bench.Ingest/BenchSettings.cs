using OrderActors.Database;

namespace OrderActors.Bench.Ingest;

public sealed record BenchSettings(int Appenders, TimeSpan Duration, int Connections, int EventsPerSecond, IReadOnlyList<SqlDialect> Dialects, IReadOnlyList<string> Modes)
{
    /// <summary>How long the end-to-end run sends paced webhooks before measuring (<c>--warmup-seconds</c>), so JIT tiers settle.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <c>--receive-only</c> (e2e, cluster): the api-host only receives (<c>Marketplaces:ApplyWebhooks=false</c>), so the
    /// run measures the acknowledgement path alone; a second api-host that applies is started afterwards and the time
    /// until every acknowledged order's event has arrived is the drain.
    /// </summary>
    public bool ReceiveOnly { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback, int max) => Math.Clamp(int.TryParse(Value(name), out var v) ? v : fallback, 1, max);
        var dialects = (Value("--dialects") ?? "Sqlite,MySql").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SqlDialect>).ToList();
        // Bounded on purpose: the machine is shared.
        return new BenchSettings(
            Int("--appenders", 32, 256),
            TimeSpan.FromSeconds(Int("--seconds", 10, 60)),
            Int("--connections", 200, 5000),
            Int("--rate", 50, 1000),
            dialects,
            (Value("--modes") ?? "Embedded,Cluster").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            WarmUp = TimeSpan.FromSeconds(Math.Clamp(int.TryParse(Value("--warmup-seconds"), out var w) ? w : 20, 0, 120)),
            ReceiveOnly = args.Contains("--receive-only"),
        };
    }
}
