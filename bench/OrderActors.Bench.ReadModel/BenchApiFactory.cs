using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.Bench.ReadModel;

/// <summary>The real api-host on Kestrel (embedded silo, grain state in its SQLite file) with its read model on the benchmark MariaDB.</summary>
public sealed class BenchApiFactory(string readModelConnectionString) : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-bench-{Guid.NewGuid():N}");

    /// <summary>The api-host project folder, found upwards from the benchmark's binaries (its content root).</summary>
    public static string FindApiHostDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "api-host");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("api-host folder not found above " + AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Grain state and reminders stay in the embedded SQLite file (only the read model moves to MariaDB), so the
        // file's own schema is applied here: the host's migrator migrates the MariaDB read model instead.
        Directory.CreateDirectory(_dataDirectory);
        var sqlite = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(_dataDirectory, "orderactors.db")));
        Task.Run(() => new SchemaMigrator(sqlite, NullLogger<SchemaMigrator>.Instance).MigrateAsync()).GetAwaiter().GetResult();
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("OrderActors:Mode", "Embedded");
        builder.UseSetting("OrderActors:DataDirectory", _dataDirectory);
        builder.UseSetting("OrderActors:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("OrderActors:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("OrderActors:Jwt:AccessTokenLifetime", "08:00:00");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ReadModelDatabase>();
            services.AddSingleton(new ReadModelDatabase(SqlDialect.MySql, readModelConnectionString));
        });
    }
}
