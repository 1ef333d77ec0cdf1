using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderActors.Database;

namespace OrderActors.ApiHost.Health;

/// <summary>Ready only when the database answers a trivial query.</summary>
public sealed class StorageHealthCheck(ReadModelDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database.Dialect} reachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{database.Dialect} not reachable: {ex.Message}");
        }
    }
}
