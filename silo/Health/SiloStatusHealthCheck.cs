using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrderActors.Silo.Health;

/// <summary>Ready only once this silo has joined the cluster (Active in the membership table).</summary>
public sealed class SiloStatusHealthCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {membership.SiloAddress} is active")
            : HealthCheckResult.Unhealthy($"silo {membership.SiloAddress} is {membership.CurrentStatus}"));
}
