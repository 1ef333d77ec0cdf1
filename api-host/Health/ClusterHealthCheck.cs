using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrderActors.Grains.Health;

namespace OrderActors.ApiHost.Health;

/// <summary>Ready only when a grain call through the cluster (co-hosted silo or gateway) succeeds.</summary>
public sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silo = await client.GetGrain<IPingGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"cluster answered from {silo}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"cluster not reachable: {ex.Message}");
        }
    }
}
