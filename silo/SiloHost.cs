using System.Data.Common;
using System.Net.Sockets;
using OrderActors.Hosting;
using OrderActors.Silo.Health;

namespace OrderActors.Silo;

/// <summary>
/// Builds and runs a cluster silo. The database may come up after the silo: the start waits for it, and a
/// start that still fails on the database (or on a dead connection) is retried with a fresh host.
/// </summary>
public static class SiloHost
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    public static async Task<int> MigrateAsync(string[] args)
    {
        await using var app = Build(args, withOrleans: false);
        await app.Services.WaitForDatabaseAndMigrateAsync();
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            var app = Build(args, withOrleans: true);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrderActors.Silo");
            try
            {
                await app.Services.WaitForDatabaseAndMigrateAsync();
                await app.StartAsync();
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                logger.LogWarning("Silo could not start (attempt {Attempt}): {Reason}. Retrying in {Delay} s.", attempt, Innermost(ex).Message, (int)delay.TotalSeconds);
                await app.DisposeAsync();
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                continue;
            }
            await app.WaitForShutdownAsync();
            await app.DisposeAsync();
            return 0;
        }
    }

    private static WebApplication Build(string[] args, bool withOrleans)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.ReadOrderActorsOptions(args);
        options.Mode = RunMode.Cluster;

        builder.AddOrderActorsDefaults("orderactors-silo");
        builder.Services.AddOrderActorsCore(builder.Configuration, options);
        if (withOrleans)
        {
            var connectionString = builder.Configuration.GetConnectionString(OrderActorsOptions.ConnectionStringName);
            builder.UseOrleans(silo => silo.ConfigureOrderActorsSilo(options, connectionString));
            builder.Services.AddHealthChecks()
                .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
                .AddCheck<SiloStatusHealthCheck>("membership", tags: ["ready"]);
        }

        var app = builder.Build();
        if (withOrleans)
        {
            app.MapSiloHealthEndpoints();
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
        return app;
    }

    // A database that went away or a dropped connection heals by itself; a port in use, bad settings or a
    // failing migration do not, and end the process instead of retrying forever.
    private static bool IsTransient(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or SocketException { SocketErrorCode: not SocketError.AddressAlreadyInUse } or TimeoutException)
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }
        return false;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
