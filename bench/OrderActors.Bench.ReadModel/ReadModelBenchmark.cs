using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.ApiHost.Security;
using OrderActors.Database;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Testing;

namespace OrderActors.Bench.ReadModel;

/// <summary>Loads generated orders into MariaDB and measures list, deep page, free text and statistics (HTTP and direct), and grain upserts.</summary>
public static class ReadModelBenchmark
{
    public static async Task Main(string[] args)
    {
        // Usage: dotnet run -c Release --project bench/OrderActors.Bench.ReadModel -- [orders] [iterations] [upserts] [--adonet] [--connection "..."] [--idle seconds]
        //        dotnet run -c Release --project bench/OrderActors.Bench.ReadModel -- seed --rows N --connection "..."
        //        dotnet run -c Release --project bench/OrderActors.Bench.ReadModel -- upserts 3000 [--storage memory,sqlite,adonet] [--concurrency 16,64] [--connection "..."] [--parts]
        if (args.Length > 0 && args[0] == "upserts")
        {
            await GrainUpsertBenchmark.RunAsync(args);
            return;
        }
        if (args.Length > 0 && args[0] == "seed")
        {
            await ReadModelSeeder.SeedAsync(ReadModelSeeder.Parse(args));
            return;
        }
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var orderCount = positional.Length > 0 ? int.Parse(positional[0]) : 1_000_000;
        var iterations = positional.Length > 1 ? int.Parse(positional[1]) : 300;
        var upserts = positional.Length > 2 ? int.Parse(positional[2]) : 20_000;
        var existing = Array.IndexOf(args, "--connection") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(35);
        Report.Line($"Read-model benchmark: {orderCount:N0} orders, {iterations} iterations per query, {upserts:N0} grain upserts; {Environment.ProcessorCount} cores; load average {LoadAverage()}");

        string connectionString;
        if (existing is not null)
        {
            // A database already seeded with `seed` (same generator, seed 42, 2026-01-01 + 35 days): measure only.
            connectionString = new MySqlConnector.MySqlConnectionStringBuilder(existing) { MaximumPoolSize = 200 }.ConnectionString;
        }
        else
        {
            var server = await MariaDbServer.GetSharedAsync();
            connectionString = new MySqlConnector.MySqlConnectionStringBuilder(await server.CreateDatabaseAsync("bench")) { MaximumPoolSize = 200 }.ConnectionString;
            await using var c = new MySqlConnector.MySqlConnection(connectionString);
            await c.OpenAsync();
            // A production-like buffer pool for a 1M-order read model.
            await c.ExecuteAsync("SET GLOBAL innodb_buffer_pool_size = 2147483648");
            await ReadModelSeeder.SeedAsync(new ReadModelSeeder.Options(orderCount, connectionString, 42, start, span, 2000, 2));
        }
        var database = new ReadModelDatabase(SqlDialect.MySql, connectionString);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using (var c = await database.OpenAsync())
        {
            Report.Line("MariaDB " + await c.ExecuteScalarAsync<string>("SELECT VERSION()") +
                        $", innodb_buffer_pool_size={await c.ExecuteScalarAsync<long>("SELECT @@innodb_buffer_pool_size") / 1024 / 1024} MiB" +
                        $", innodb_flush_log_at_trx_commit={await c.ExecuteScalarAsync<long>("SELECT @@innodb_flush_log_at_trx_commit")}" +
                        $"; orders {await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders", commandTimeout: 600):N0}" +
                        $", search terms (estimate) {await c.ExecuteScalarAsync<long>("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order_search_terms'"):N0}");
        }

        // 2. The api-host on Kestrel with this read model.
        await using var factory = new BenchApiFactory(connectionString);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ORDERACTORS_APIHOST", BenchApiFactory.FindApiHostDirectory());
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = await BenchUser.SignInAsync(factory.Services, [Permissions.OrdersRead, Permissions.OrdersWrite]);
        // One client, one kept-alive HTTP/1.1 connection (requests are sequential), the body drained into a reused buffer:
        // the client shares the cores with the host and MariaDB, so it should cost as little as it can.
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false })
        {
            BaseAddress = new Uri(address),
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = new byte[256 * 1024];
        async Task<System.Net.HttpStatusCode> GetAsync(string url)
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            while (await stream.ReadAsync(body) > 0)
            {
            }
            return response.StatusCode;
        }
        void Ok(System.Net.HttpStatusCode status, string url)
        {
            if (status != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url} answered {status}");
            }
        }
        Latency.ServerPort = new MySqlConnector.MySqlConnectionStringBuilder(connectionString).Port;
        // What the host does with no request at all (Orleans, pollers, timers): CPU of this process and of MariaDB while
        // idle, right after start and again at the end. `--idle N` idles N seconds (time to attach a profiler).
        var idleSeconds = Array.IndexOf(args, "--idle") is var idleAt and >= 0 && idleAt + 1 < args.Length ? int.Parse(args[idleAt + 1]) : 5;
        async Task IdleAsync(string when)
        {
            var idle = new CpuMeter(Latency.ServerPort);
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var (own, server) = idle.PerOperation(idleSeconds);
            Report.Line($"idle {idleSeconds} s {when}: this process {own / 10:0.0} % of a core, mariadbd {server / 10:0.0} % of a core");
        }
        await IdleAsync("after start");

        var queries = new OrderQueries(database);
        var statistics = new OrderStatisticsQueries(database);
        Report.Line($"api-host listening on {address}");

        string[] platforms = ["Shopee", "Lazada", "Shopify", "TikTokShop", "Pos"];
        string[] statuses = ["ReadyToShip", "Shipped", "Completed", "Delivered"];
        var sample = SyntheticOrders.Generate(Math.Min(orderCount, 200_000), seed: 42, start, span).Where((_, i) => i % 997 == 0).ToList();
        OrderListQuery FirstPage(int i) => new()
        {
            Platform = platforms[i % platforms.Length],
            Status = statuses[i / platforms.Length % statuses.Length],
            From = start.AddDays(i % 28),
            To = start.AddDays(i % 28 + 7),
            Limit = 50,
        };
        string Url(OrderListQuery q) =>
            $"/api/orders?platform={q.Platform}&status={q.Status}&from={Uri.EscapeDataString(q.From!.Value.ToString("O"))}&to={Uri.EscapeDataString(q.To!.Value.ToString("O"))}&limit=50" +
            (q.After is null ? "" : $"&after={q.After}") + (q.Text is null ? "" : $"&q={Uri.EscapeDataString(q.Text)}");
        OrderListQuery DeepPage(int i)
        {
            // A cursor half-way through the range: what a client holds after paging deep into the list.
            var q = FirstPage(i);
            var cursor = OrderListCursor.ForDate(OrderSort.Default, q.From!.Value.AddDays(3.5).AddMinutes(i % 600), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
            return q with { After = cursor.Encode() };
        }
        OrderListQuery FreeText(int i)
        {
            var order = sample[i % sample.Count];
            var text = (i % 3) switch
            {
                0 => order.Customer.Name,
                1 => order.Items[0].Sku,
                _ => order.PlatformOrderId,
            };
            return new OrderListQuery { Text = text, Limit = 50 };
        }

        var results = new List<Latency.Result>();
        async Task Pair(string name, Func<int, OrderListQuery> make)
        {
            // Every query of the run once beforehand, so HTTP and direct SQL both meet a warm buffer pool (measured
            // first, the HTTP runs used to pay for reading the pages the direct runs then found in memory).
            for (var i = 0; i < 30 + iterations; i++)
            {
                await queries.ListAsync(make(i));
            }
            results.Add(await Latency.MeasureAsync($"{name} via HTTP", 30, iterations, async i =>
            {
                var url = make(i).Text is { } t ? $"/api/orders?q={Uri.EscapeDataString(t)}&limit=50" : Url(make(i));
                Ok(await GetAsync(url), url);
            }));
            results.Add(await Latency.MeasureAsync($"{name} direct SQL", 30, iterations, async i => await queries.ListAsync(make(i))));
        }
        await Pair("first page platform+status+7 days, 50 rows", FirstPage);
        await Pair("deep keyset page platform+status, 50 rows", DeepPage);
        await Pair("free text (name | SKU | order id), 50 rows", FreeText);
        results.Add(await Latency.MeasureAsync("statistics, 7 days via HTTP", 30, iterations, async i =>
        {
            var to = start.AddDays(7 + i % 28);
            var url = $"/api/orders/stats?from={Uri.EscapeDataString(to.AddDays(-7).ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
            Ok(await GetAsync(url), url);
        }));
        results.Add(await Latency.MeasureAsync("statistics, 7 days direct SQL", 30, iterations, async i =>
        {
            var to = start.AddDays(7 + i % 28);
            await statistics.GetAsync(to.AddDays(-7), to, null);
        }));
        // Where the HTTP time goes besides the query: a request that reads nothing, the per-request session check
        // (its query, and as requests meet it: cached per session) and the JSON of a 50-row page.
        results.Add(await Latency.MeasureAsync("GET /api/orders refused with 400 (pipeline, no query)", 30, iterations, async _ =>
        {
            // Authentication, session check, authorization, binding, validation and a problem-details body: all but the query.
            if (await GetAsync("/api/orders?limit=0") is var status && status != System.Net.HttpStatusCode.BadRequest)
            {
                throw new InvalidOperationException($"limit=0 answered {status}");
            }
        }));
        results.Add(await Latency.MeasureAsync("first page with 1 row via HTTP (query, small body)", 30, iterations, async i =>
        {
            var url = Url(FirstPage(i)).Replace("&limit=50", "&limit=1", StringComparison.Ordinal);
            Ok(await GetAsync(url), url);
        }));
        // A pooled connection and one trivial statement: with the session reset on open (every other reader and writer)
        // and as the list queries open theirs (no reset: one round trip less).
        results.Add(await Latency.MeasureAsync("open + SELECT 1, pool with session reset", 30, iterations, async _ =>
        {
            await using var c = await database.OpenAsync();
            await c.ExecuteScalarAsync<int>("SELECT 1");
        }));
        results.Add(await Latency.MeasureAsync("open + SELECT 1, reads pool (no reset)", 30, iterations, async _ =>
        {
            await using var c = await database.OpenForReadsAsync();
            await c.ExecuteScalarAsync<int>("SELECT 1");
        }));
        var sessionCheck = factory.Services.GetRequiredService<OrderActors.Identity.UserStore>();
        var sessionId = BenchUser.SessionOf(token);
        results.Add(await Latency.MeasureAsync("session check query (1 query) direct", 30, iterations, async _ => await sessionCheck.GetAccessStateAsync(BenchUser.Id, sessionId)));
        var validator = factory.Services.GetRequiredService<SessionValidator>();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Claims, SecuritySchemes.Bearer));
        results.Add(await Latency.MeasureAsync("session check per request (cached per session)", 30, iterations, async _ =>
        {
            if (await validator.ValidateAsync(principal, SecuritySchemes.Bearer, CancellationToken.None) is null)
            {
                throw new InvalidOperationException("The benchmark session was refused.");
            }
        }));
        var samplePage = await queries.ListAsync(FirstPage(0));
        var json = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        results.Add(await Latency.MeasureAsync("JSON of a 50-row page (serialize only)", 30, iterations, _ =>
        {
            JsonSerializer.SerializeToUtf8Bytes(samplePage, json);
            return Task.CompletedTask;
        }));
        var page = await http.GetFromJsonAsync<JsonElement>(Url(FirstPage(0)));
        await IdleAsync("after the series");
        Report.Line($"sanity: first page returned {page.GetProperty("items").GetArrayLength()} rows, next={(page.GetProperty("next").ValueKind == JsonValueKind.Null ? "null" : "cursor")}");

        // 3. Order grain upserts of new snapshots in one silo (each write also projects to the MariaDB read model).
        if (upserts == 0)
        {
            Report.Line($"done (no grain upserts asked for); load average {LoadAverage()}");
            return;
        }
        int[] concurrencies = [16, 64];
        var port = new MySqlConnector.MySqlConnectionStringBuilder(connectionString).Port;
        await GrainUpsertBenchmark.MeasureAsync("embedded api-host silo, grain state in SQLite", factory.Services.GetRequiredService<IClusterClient>(), upserts, 1000, concurrencies, port);
        foreach (var storage in args.Contains("--adonet") ? new[] { GrainUpsertBenchmark.Storage.Memory, GrainUpsertBenchmark.Storage.AdoNet } : [GrainUpsertBenchmark.Storage.Memory])
        {
            await using var silo = await GrainUpsertBenchmark.StartSiloAsync(storage, connectionString);
            await GrainUpsertBenchmark.MeasureAsync(GrainUpsertBenchmark.Label(storage), silo.Grains, upserts, storage == GrainUpsertBenchmark.Storage.Memory ? 3000 : 2000, concurrencies, port);
        }
        Report.Line($"done; load average {LoadAverage()}");
    }

    private static string LoadAverage() => GrainUpsertBenchmark.LoadAverage();
}
