using System.Collections.Concurrent;
using System.Diagnostics;
using MySqlConnector;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest.EndToEnd;

/// <summary>
/// The raw MariaDB limit the pipeline is compared with: the same number of concurrent writers as the webhook
/// senders, each doing durable single-row upserts (autocommit, one row per transaction) of a payload the size of
/// a webhook body, on the server and database the cluster run used.
/// </summary>
public static class RawUpsertBaseline
{
    public sealed record Result(int Writers, int PayloadBytes, double UpsertsPerSecond, double[] Latencies)
    {
        public override string ToString() =>
            $"Raw MariaDB: {Writers} writers, {PayloadBytes} B rows: {UpsertsPerSecond:F0} upserts/s, {Percentiles.Describe(Latencies)}";
    }

    public static async Task<Result> RunAsync(string connectionString, int writers, int payloadBytes, TimeSpan duration)
    {
        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new MySqlCommand(
                "CREATE TABLE IF NOT EXISTS bench_raw_upsert (id BIGINT NOT NULL PRIMARY KEY, payload MEDIUMTEXT NOT NULL, updated_at DATETIME(3) NOT NULL) ENGINE=InnoDB", setup);
            await create.ExecuteNonQueryAsync();
        }
        var payload = new string('x', payloadBytes);
        var latencies = new ConcurrentBag<double>();
        long count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            for (long n = w; clock.Elapsed < duration; n += writers)
            {
                var started = Stopwatch.GetTimestamp();
                await using var upsert = new MySqlCommand(
                    "INSERT INTO bench_raw_upsert (id, payload, updated_at) VALUES (@id, @payload, UTC_TIMESTAMP(3)) " +
                    "ON DUPLICATE KEY UPDATE payload = VALUES(payload), updated_at = VALUES(updated_at)", connection);
                upsert.Parameters.AddWithValue("@id", n);
                upsert.Parameters.AddWithValue("@payload", payload);
                await upsert.ExecuteNonQueryAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }
        }));
        return new Result(writers, payloadBytes, count / clock.Elapsed.TotalSeconds, [.. latencies]);
    }
}
