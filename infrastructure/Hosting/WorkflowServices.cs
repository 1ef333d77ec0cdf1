using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Grains.Workflows.Engine;
using OrderActors.Grains.Workflows.Flows;
using OrderActors.Grains.Workflows.Gateways;
using OrderActors.Grains.Workflows.Instances;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Grains.Workflows.Starts;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.Hosting;

/// <summary>Registrations of the workflow engine: read model (every process) and the grains' ports (silos).</summary>
public static class WorkflowServices
{
    /// <summary>What every process needs: options, the role catalog (identity store) and the read-model queries.</summary>
    public static IServiceCollection AddOrderActorsWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.Configure<WorkflowStartSweepOptions>(configuration.GetSection(WorkflowStartSweepOptions.Section));
        services.AddSingleton<IDeadlineStore, SqlDeadlineStore>();
        services.AddSingleton<IRoleCatalog, IdentityRoleCatalog>();
        services.AddSingleton<WorkflowQueries>();
        services.AddSingleton<ITaskWorkload>(sp => sp.GetRequiredService<WorkflowQueries>());
        services.AddSingleton<SqlWorkflowProjection>();
        services.AddSingleton<IWorkflowProjection, WorkflowProjectionBatcher>();
        return services;
    }

    /// <summary>What the workflow grains need in a silo: gateways, deadlines, seeding and the shard keeper.</summary>
    public static ISiloBuilder AddOrderActorsWorkflowGrains(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton<IOrderGateway, OrderGateway>();
        services.AddSingleton<FlowVersionCache>();
        services.AddSingleton<IShipmentGateway, OrderShipmentGateway>();
        services.AddSingleton<IInvoiceHook, BillingInvoiceHook>();
        services.AddSingleton<IReturnDecisionGateway, ReturnDecisionGateway>();
        services.AddSingleton<IDeadlineScheduler, ShardedDeadlineScheduler>();
        services.AddSingleton<IWorkflowEventPublisher, StreamWorkflowEventPublisher>();
        services.AddSingleton(sp => new WorkflowPorts(
            sp.GetRequiredService<IOrderGateway>(),
            sp.GetRequiredService<IShipmentGateway>(),
            sp.GetRequiredService<IInvoiceHook>(),
            sp.GetRequiredService<IReturnDecisionGateway>(),
            sp.GetRequiredService<IRoleCatalog>(),
            new CachedTaskWorkload(sp.GetRequiredService<ITaskWorkload>(), sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<IDeadlineScheduler>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DeadlineShardKeeper>();
        silo.AddStartupTask<BuiltInFlowSeeder>();
        return silo;
    }
}
