using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderActors.Database;

namespace OrderActors.Hosting;

/// <summary>Ready only when the database (SQLite file or MariaDB) answers a trivial query; used by silos and api-hosts.</summary>
public sealed class DatabaseHealthCheck(ReadModelDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"database not reachable: {ex.Message}");
        }
    }
}
