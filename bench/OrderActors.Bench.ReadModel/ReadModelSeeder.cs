using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using OrderActors.Database;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// Writes generated orders straight into the MariaDB read-model tables (the rows the projection would write:
/// orders, items, history, search terms, statistics cells), a batch per transaction, several writers at once.
/// The orders get no grains: they are for list, search and statistics measurements and the dashboard.
/// </summary>
public static class ReadModelSeeder
{
    public sealed record Options(int Rows, string ConnectionString, int Seed, DateTimeOffset Start, TimeSpan Span, int BatchSize, int Writers);

    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var connection = Value("--connection", Environment.GetEnvironmentVariable("ORDERACTORS_SEED_CONNECTION") ?? "");
        if (connection.Length == 0)
        {
            throw new ArgumentException("seed needs --connection \"Server=...;Database=...;User ID=...;Password=...\" (a MariaDB read-model database).");
        }
        return new Options(
            int.Parse(Value("--rows", "1000000")),
            connection,
            int.Parse(Value("--seed", "42")),
            DateTimeOffset.Parse(Value("--start", "2026-01-01T00:00:00Z")),
            TimeSpan.FromDays(double.Parse(Value("--days", "35"))),
            int.Parse(Value("--batch", "2000")),
            int.Parse(Value("--writers", "2")));
    }

    /// <summary>Migrates the database if needed, then inserts the orders; refuses when the first generated order is already there.</summary>
    public static async Task<TimeSpan> SeedAsync(Options options, CancellationToken ct = default)
    {
        var database = new ReadModelDatabase(SqlDialect.MySql, options.ConnectionString);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct);
        var first = SyntheticOrders.Generate(1, options.Seed, options.Start, options.Span).First();
        await using (var check = await database.OpenAsync(ct))
        {
            if (await check.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM orders WHERE id = @id", new { id = first.Id.ToString() }, cancellationToken: ct)) > 0)
            {
                throw new InvalidOperationException($"Orders of seed {options.Seed} are already in this database: use another --seed or an empty database.");
            }
        }

        Report.Line($"Seeding {options.Rows:N0} orders (seed {options.Seed}, {options.Start:yyyy-MM-dd} + {options.Span.TotalDays} days), batches of {options.BatchSize}, {options.Writers} writers");
        var watch = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<OrderDetails[]>(options.Writers * 2);
        var written = 0L;
        var producer = Task.Run(async () =>
        {
            foreach (var batch in SyntheticOrders.Generate(options.Rows, options.Seed, options.Start, options.Span).Chunk(options.BatchSize))
            {
                await batches.Writer.WriteAsync(batch, ct);
            }
            batches.Writer.Complete();
        }, ct);
        var writers = Enumerable.Range(0, options.Writers).Select(_ => Task.Run(async () =>
        {
            await using var connection = new MySqlConnection(options.ConnectionString);
            await connection.OpenAsync(ct);
            // Bulk-load session settings: backslash escapes for the literal values, no per-row unique re-checks on secondary indexes.
            await connection.ExecuteAsync("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', ''), unique_checks = 0, foreign_key_checks = 0");
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                var tables = NewOrderRows.For(batch, SqlDialect.MySql).Concat(NewOrderRows.MySqlStats(NewOrderRows.StatsDeltas(batch))).ToList();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var transaction = await connection.BeginTransactionAsync(ct);
                        foreach (var table in tables)
                        {
                            await LiteralInsert.ExecuteAsync(connection, transaction, table, ct);
                        }
                        await transaction.CommitAsync(ct);
                        break;
                    }
                    catch (MySqlException ex) when (attempt < 5 && ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
                    {
                        // Two writers met on a statistics cell: the whole batch rolled back and runs again.
                    }
                }
                var done = Interlocked.Add(ref written, batch.Length);
                if (done % 100_000 < batch.Length)
                {
                    Report.Line($"  seeded {done:N0} orders, {done / watch.Elapsed.TotalSeconds:N0} orders/s");
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(writers.Append(producer));
        await using (var c = await database.OpenAsync(ct))
        {
            await c.ExecuteAsync(new CommandDefinition("ANALYZE TABLE orders, order_items, order_search_terms, order_stats_hourly, order_stats_daily, order_stats_hour_platform", commandTimeout: 600, cancellationToken: ct));
        }
        Report.Line($"Seeded {options.Rows:N0} orders in {watch.Elapsed.TotalSeconds:N0} s ({options.Rows / watch.Elapsed.TotalSeconds:N0} orders/s)");
        return watch.Elapsed;
    }
}
