using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderActors.Database;

namespace OrderActors.Hosting;

/// <summary>Waits until the database answers, then brings its schema up to date, before Orleans starts.</summary>
public static class DatabaseStartup
{
    public static async Task WaitForDatabaseAndMigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<ReadModelDatabase>();
        var migrator = services.GetRequiredService<SchemaMigrator>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OrderActors.DatabaseStartup");
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (await database.OpenAsync(cancellationToken))
                {
                }
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Database not reachable yet (attempt {Attempt}): {Reason}. Retrying in {Delay} ms.", attempt, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Database schema is up to date ({Applied} migrations applied now)", applied);
    }
}
