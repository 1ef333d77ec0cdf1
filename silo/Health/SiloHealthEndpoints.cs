using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace OrderActors.Silo.Health;

public static class SiloHealthEndpoints
{
    /// <summary>Live: the process answers. Ready: the database answers and this silo is an active cluster member.</summary>
    public static void MapSiloHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
