using System.Runtime.InteropServices;
using OrderActors.Bench.Ingest;
using OrderActors.Database;

// Measures what the real-time work owns, loopback only and bounded in time and count:
//   1. feed append throughput and latency (the single sequencer) on SQLite and on MariaDB;
//   2. SignalR fan-out latency from feed append to N connected clients of a real api-host process.
// Usage: OrderActors.Bench.Ingest [--appenders 32] [--seconds 10] [--connections 200] [--rate 50] [--dialects Sqlite,MySql]
var settings = BenchSettings.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Settings: {settings}");

foreach (var dialect in settings.Dialects)
{
    var result = await FeedAppendBenchmark.RunAsync(dialect, settings);
    Console.WriteLine(result);
}

Console.WriteLine(await FanOutBenchmark.RunAsync(settings));
return 0;
